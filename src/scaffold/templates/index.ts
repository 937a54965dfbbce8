/** The three files "Add Docker Files to Workspace" writes, from the chosen platform and port. */
import type { Detected, GeneratedFile, PlatformFacts } from '../types';
import { goDockerfile, rustDockerfile } from './compiled';
import { dotnetDockerfile, javaDockerfile } from './jvm';
import { nodeDockerfile, staticDockerfile } from './node';
import { pythonDockerfile } from './python';
import { rubyDockerfile } from './ruby';
import { composeFor, dockerignoreFor } from './support';

export const generatedNames = ['Dockerfile', '.dockerignore', 'compose.yaml'] as const;

export function dockerfileFor(facts: PlatformFacts, port: number): string {
  switch (facts.platform) {
    case 'node': return nodeDockerfile(facts, port);
    case 'static': return staticDockerfile(facts);
    case 'python': return pythonDockerfile(facts, port);
    case 'go': return goDockerfile(facts, port);
    case 'rust': return rustDockerfile(facts, port);
    case 'java': return javaDockerfile(facts, port);
    case 'dotnet': return dotnetDockerfile(facts, port);
    case 'ruby': return rubyDockerfile(facts, port);
  }
}

export function generateFiles(name: string, detected: Pick<Detected, 'facts'>, port: number): GeneratedFile[] {
  return [
    { path: 'Dockerfile', content: dockerfileFor(detected.facts, port) },
    { path: '.dockerignore', content: dockerignoreFor(detected.facts.platform) },
    { path: 'compose.yaml', content: composeFor(name, detected.facts.platform, port) },
  ];
}

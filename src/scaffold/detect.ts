/**
 * Detection: which platforms a folder's files say it is, the likeliest first. Each
 * platform's detector reads only the few files it needs; a folder can fit several
 * (a Vite app is a static site and a Node project), and the user picks among them.
 */
import { detectDotnet, detectGo, detectJava, detectRust } from './detectCompiled';
import { detectNode } from './detectNode';
import { detectPython, detectRuby } from './detectScripting';
import { folderFiles, imageName, type ProjectFiles } from './files';
import type { Detected, Platform, Project } from './types';

export async function detectProject(files: ProjectFiles): Promise<Project> {
  // Compiled and framework projects first: a Rails or Spring app often has a package.json for its assets.
  const found = await Promise.all([detectDotnet(files), detectJava(files), detectGo(files), detectRust(files), detectRuby(files), detectPython(files), detectNode(files)]);
  const candidates = found.flatMap((f) => f.candidates);
  const named = found.find((f) => 'name' in f && f.candidates.length > 0 && f.name);
  const name = imageName((named && 'name' in named ? named.name : undefined) ?? files.folderName);
  return { name, candidates };
}

export function detectFolder(folder: string): Promise<Project> {
  return detectProject(folderFiles(folder));
}

/** Facts for a platform the user chose although nothing pointed at it: the platform's usual layout. */
export function assumed(platform: Platform, name: string): Detected {
  const base = { portFound: false, evidence: [] };
  switch (platform) {
    case 'node': return { ...base, facts: { platform, manager: 'npm', hasBuild: false, start: ['node', 'index.js'] }, port: 3000 };
    case 'python': return { ...base, facts: { platform, manager: 'pip', start: ['python', 'main.py'] }, port: 8000 };
    case 'go': return { ...base, facts: { platform, module: name, mainPackage: '.', binary: name, sums: false }, port: 8080 };
    case 'java': return { ...base, facts: { platform, build: 'maven', wrapper: false }, port: 8080 };
    case 'dotnet': return { ...base, facts: { platform, projectFile: `${name}.csproj`, assembly: name, framework: '8.0', web: true }, port: 8080 };
    case 'ruby': return { ...base, facts: { platform, framework: 'rack', locked: false, start: ['bundle', 'exec', 'rackup', '--host', '0.0.0.0', '--port', '{port}'] }, port: 9292 };
    case 'rust': return { ...base, facts: { platform, binary: name, locked: false }, port: 8080 };
    case 'static': return { ...base, facts: { platform }, port: 8080 };
  }
}

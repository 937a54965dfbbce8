/**
 * The .dockerignore and compose.yaml that go with a generated Dockerfile: the context
 * leaves out VCS data, local builds and dependency folders the image makes itself; the
 * compose file builds the folder and publishes the chosen port on the host.
 */
import type { Platform } from '../types';
import { nginxPort } from './images';

const always = ['.git', '.gitignore', '.vscode', '.idea', '*.log', '.env', '.env.*', 'Dockerfile', '.dockerignore', 'compose.yaml', 'compose.*.yaml', 'docker-compose*.yml', 'README.md'];

const byPlatform: Record<Platform, string[]> = {
  node: ['node_modules', 'npm-debug.log*', 'yarn-error.log', '.pnpm-store', 'coverage', 'dist', 'build'],
  static: ['node_modules', 'coverage', 'dist', 'build'],
  python: ['__pycache__', '*.py[cod]', '.venv', 'venv', '.pytest_cache', '.mypy_cache', '.ruff_cache', 'build', 'dist', '*.egg-info'],
  go: ['bin', 'vendor', '*.test', 'coverage.out'],
  java: ['target', 'build', '.gradle', 'out', '*.class'],
  dotnet: ['**/bin', '**/obj', '*.user', '.vs', 'TestResults'],
  ruby: ['log/*', 'tmp/*', '.bundle', 'vendor/bundle', 'coverage', 'node_modules', 'storage/*'],
  rust: ['target'],
};

export function dockerignoreFor(platform: Platform): string {
  return `# Kept out of the build context: faster builds, and nothing local leaks into the image.\n${[...always, ...byPlatform[platform]].join('\n')}\n`;
}

/** Service names and image repositories share this shape; detection already made the name fit. */
export function composeFor(name: string, platform: Platform, port: number): string {
  const containerPort = platform === 'static' ? nginxPort : port;
  return [
    'services:',
    `  ${name}:`,
    '    build:',
    '      context: .',
    `    image: ${name}:dev`,
    '    ports:',
    `      - "${port}:${containerPort}"`,
    '',
  ].join('\n');
}

/**
 * Node: install with the project's package manager against its lockfile (cache mounted),
 * build when there is a build script, drop dev dependencies, and run as the image's
 * `node` user. Also the build stage of a static site made by a Node tool.
 */
import type { NodeFacts, StaticFacts } from '../types';
import { dockerfileOf, execForm, syntaxLine } from './common';
import { nginxImage, nginxPort, nginxUser, nodeImage } from './images';

type Manager = NodeFacts['manager'];

const cacheOf: Record<Manager, string> = { npm: '/root/.npm', yarn: '/usr/local/share/.cache/yarn', pnpm: '/root/.local/share/pnpm/store' };

function installCommand(manager: Manager, locked: boolean): string {
  if (manager === 'npm') return locked ? 'npm ci' : 'npm install';
  return locked ? `${manager} install --frozen-lockfile` : `${manager} install`;
}

function pruneCommand(manager: Manager, locked: boolean): string {
  if (manager === 'npm') return 'npm prune --omit=dev';
  if (manager === 'pnpm') return 'pnpm prune --prod';
  return `yarn install --production${locked ? ' --frozen-lockfile' : ''}`;
}

/** The build stage: dependencies first (a layer that survives source edits), then the source. */
function buildStage(image: string, manager: Manager, lockfile: string | undefined, build: boolean, prune: boolean): string[] {
  const cache = `--mount=type=cache,target=${cacheOf[manager]}`;
  const after = [...(build ? [`${manager} run build`] : []), ...(prune ? [pruneCommand(manager, lockfile !== undefined)] : [])];
  return [
    `FROM ${image} AS build`,
    'WORKDIR /app',
    // yarn and pnpm come from Corepack, at the version package.json's packageManager names.
    ...(manager === 'npm' ? [] : ['RUN corepack enable']),
    `COPY package.json ${lockfile ? `${lockfile} ` : ''}./`,
    `RUN ${cache} ${installCommand(manager, lockfile !== undefined)}`,
    'COPY . .',
    ...(after.length > 0 ? [`RUN ${prune ? `${cache} ` : ''}${after.join(' && ')}`] : []),
  ];
}

export function nodeDockerfile(facts: NodeFacts, port: number): string {
  const image = nodeImage(facts.nodeMajor);
  return dockerfileOf(
    syntaxLine,
    ['# Build stage: every dependency, the build, then only production dependencies kept.', ...buildStage(image, facts.manager, facts.lockfile, facts.hasBuild, true)],
    [
      '# Runtime stage: the app and its production dependencies, run by the unprivileged node user.',
      `FROM ${image}`,
      'ENV NODE_ENV=production',
      `ENV PORT=${port}`,
      'WORKDIR /app',
      'COPY --from=build /app ./',
      // The node image's own unprivileged user, `node`.
      'USER 1000:1000',
      `EXPOSE ${port}`,
      `CMD ${execForm(facts.start, port)}`,
    ],
  );
}

export function staticDockerfile(facts: StaticFacts): string {
  const serve = [
    `FROM ${nginxImage}`,
    facts.build ? `COPY --from=build /app/${facts.build.outputDir} /usr/share/nginx/html` : 'COPY . /usr/share/nginx/html',
    `USER ${nginxUser}`,
    `EXPOSE ${nginxPort}`,
    `HEALTHCHECK --interval=30s --timeout=3s CMD ["wget", "-q", "--spider", "http://127.0.0.1:${nginxPort}/"]`,
  ];
  if (!facts.build) return dockerfileOf(syntaxLine, ['# The folder is the site: nginx serves it as an unprivileged user.', ...serve]);
  return dockerfileOf(
    syntaxLine,
    ['# Build stage: the site generator runs here and leaves files in the output folder.', ...buildStage(nodeImage(), facts.build.manager, facts.build.lockfile, true, false)],
    ['# Runtime stage: only the built files, served by nginx as an unprivileged user.', ...serve],
  );
}

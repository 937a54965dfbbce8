/**
 * The `docker` commands of what a form or a task would send, built by the same functions
 * that build the requests (toCreateOptions, toCreateBody, buildQuery) and read back by
 * dockerCommand, so a copy made before running says what running will do.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { toCreateBody } from '../engine/createBody';
import { dockerCommand } from '../engine/dockerCommand';
import { buildQuery } from '../engine/images';
import { splitRepoTag } from '../engine/validate';
import { RunOptions, toCreateOptions } from '../run/options';
import type { BerthTaskDefinition } from '../tasks/definitions';
import { resolveBuild } from '../tasks/work';

/** `docker run -d …` (or `-i -t` for an interactive run; `docker create …` for a create) for the form's options. */
export async function runCommandOf(options: RunOptions, mode: 'run' | 'create', baseDir?: string): Promise<string[]> {
  const create = toCreateOptions(options, baseDir);
  const envTexts = await Promise.all((create.envFiles ?? []).map((file) => readFile(file, 'utf8')));
  const body = toCreateBody(create, envTexts, process.env);
  const argv = dockerCommand({ method: 'POST', path: '/containers/create', query: { name: create.name }, body, cli: mode === 'run' && !options.interactive ? { as: 'run' } : undefined }) ?? [];
  // An interactive run is create, attach, start: the CLI's `docker run -i -t` does the three.
  return mode === 'run' && options.interactive ? ['docker', 'run', ...argv.slice(2)] : argv;
}

/** The commands a berth-* task sends, in order. */
export async function taskCommandsOf(definition: BerthTaskDefinition, folder: string): Promise<string[][]> {
  switch (definition.type) {
    case 'berth-build': {
      const build = resolveBuild(definition, folder);
      const dockerfile = path.relative(build.context, build.dockerfile).split(path.sep).join('/');
      const query = buildQuery({ context: build.context, tags: build.tags, buildArgs: build.buildArgs, target: build.target, labels: build.labels, noCache: build.noCache, pull: build.pull }, dockerfile);
      return [dockerCommand({ method: 'POST', path: '/build', query, cli: { context: build.context } }) ?? []];
    }
    case 'berth-tag':
      return (definition.tags ?? []).map((tag) => {
        const { repo, tag: name } = splitRepoTag(tag);
        return dockerCommand({ method: 'POST', path: `/images/${encodeURIComponent(definition.image)}/tag`, query: { repo, tag: name } }) ?? [];
      });
    case 'berth-push':
      return (definition.tags ?? []).map((ref) => {
        const { repo, tag } = splitRepoTag(ref);
        return dockerCommand({ method: 'POST', path: `/images/${encodeURIComponent(repo)}/push`, query: { tag } }) ?? [];
      });
    case 'berth-run': {
      const { type: _type, ...options } = definition;
      delete (options as { label?: string }).label;
      return [await runCommandOf(options, 'run', folder)];
    }
  }
}

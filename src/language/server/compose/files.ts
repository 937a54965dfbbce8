/**
 * What the compose server reads from disk: Dockerfiles (for their stage names) and the
 * base file of an override (whose services an override may name). Reads are cached by
 * modification time and size, so a diagnostics pass on an unchanged tree costs one stat
 * per file; a file that cannot be read is simply absent (no diagnostic depends on guessing).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';

interface Cached {
  mtimeMs: number;
  size: number;
  text: string;
  stages?: string[];
}

const cache = new Map<string, Cached>();
const maxFileBytes = 4 * 1024 * 1024;

export function readText(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > maxFileBytes) return undefined;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.text;
    const text = fs.readFileSync(file, 'utf8');
    cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    if (cache.size > 200) cache.delete(cache.keys().next().value as string);
    return text;
  } catch {
    return undefined;
  }
}

export function exists(file: string): boolean {
  try {
    fs.statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** The stage names of a Dockerfile on disk (named stages only), or undefined when it cannot be read. */
export function dockerfileStages(file: string): string[] | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  const entry = cache.get(file);
  if (entry?.stages) return entry.stages;
  const stages = DockerfileParser.parse(text).getFROMs().map((from) => from.getBuildStage()).filter((name): name is string => !!name);
  if (entry) entry.stages = stages;
  return stages;
}

/** The folder of a `file:` URI, or undefined for other schemes (untitled documents, remote files). */
export function folderOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

const composeNames = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/**
 * For `compose.override.yaml`, `docker-compose.prod.yml` and the like: the base files in
 * the same folder that compose would merge it with, whose declarations it may use.
 */
export function baseFilesOf(uri: string): string[] {
  const folder = folderOf(uri);
  if (!folder) return [];
  const name = path.basename(fileURLToPath(uri));
  if (composeNames.includes(name)) return [];
  const match = /^(docker-compose|compose)\..+\.ya?ml$/.exec(name);
  if (!match) return [];
  return composeNames.filter((base) => base.startsWith(match[1])).map((base) => path.join(folder, base)).filter(exists);
}

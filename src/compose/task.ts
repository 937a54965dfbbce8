/**
 * The berth-compose task: one compose request (up, down, restart, …) run by the user's
 * compose tool in a task terminal. CustomExecution over runCompose, so every run is an
 * argv array with Berth's engine in its environment, and a tasks.json entry runs the same
 * way as the tree, the lenses and the palette.
 */
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import type { ComposeRequest } from './argv';
import { normalizeProjectName, ProjectFiles } from './files';

export const composeTaskType = 'berth-compose';

export interface ComposeTaskDefinition extends ComposeRequest {
  type: typeof composeTaskType;
  /** The compose files, relative to the workspace folder (or absolute), merged in this order. */
  files: string[];
  /** The project name (default: the first file's folder name, as the tools do). */
  projectName?: string;
  /** An env file given with --env-file. */
  envFile?: string;
}

/** The project files a task definition names, paths resolved against the task's folder. */
export function filesOfDefinition(definition: ComposeTaskDefinition, folder: string): ProjectFiles {
  if (!Array.isArray(definition.files) || definition.files.length === 0 || definition.files.some((f) => typeof f !== 'string' || !f.trim())) {
    throw new Error(l10n.t('A berth-compose task needs "files": the compose files to use, e.g. ["compose.yaml"].'));
  }
  const files = definition.files.map((f) => path.resolve(folder, f));
  const dir = path.dirname(files[0]);
  const name = normalizeProjectName(definition.projectName ?? path.basename(dir));
  if (!name) throw new Error(l10n.t('"{0}" cannot be a project name: use lower-case letters, digits, "-" and "_".', definition.projectName ?? path.basename(dir)));
  return { dir, files, name, defaultProfiles: [], ...(definition.envFile ? { envFile: path.resolve(folder, definition.envFile) } : {}) };
}

/** The definition that repeats a request on a project (files relative to the folder when inside it). */
export function definitionFor(files: ProjectFiles, request: ComposeRequest, folder?: string): ComposeTaskDefinition {
  const relative = (file: string): string => {
    if (!folder) return file;
    const r = path.relative(folder, file);
    return r.startsWith('..') || path.isAbsolute(r) ? file : r.split(path.sep).join('/');
  };
  return {
    type: composeTaskType,
    ...request,
    files: files.files.map(relative),
    projectName: files.name,
    ...(files.envFile ? { envFile: relative(files.envFile) } : {}),
  };
}

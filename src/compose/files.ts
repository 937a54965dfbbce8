/**
 * Which files make a compose project, the way the compose tools decide it: in a folder,
 * the first of compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml, plus
 * its *.override.* file; or COMPOSE_FILE (from the environment or the folder's .env),
 * a list split by COMPOSE_PATH_SEPARATOR (":" on Unix, ";" on Windows). The project
 * name is COMPOSE_PROJECT_NAME, else the file's top-level `name:`, else the folder's
 * name, normalised as the tools do. Pure: the caller lists folders and reads files.
 */
import * as path from 'node:path';

/** In the tools' order of preference. */
export const composeFileNames = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const;

/** The override file the tools merge on top of a primary file: compose.override.yaml for compose.yaml, and so on. */
export function overrideName(primary: string): string {
  const ext = path.extname(primary);
  return `${primary.slice(0, -ext.length)}.override${ext}`;
}

/** Whether a file name is one the tools find on their own (a primary or an override file). */
export function isComposeFileName(name: string): boolean {
  return composeFileNames.some((n) => n === name || overrideName(n) === name);
}

/** A .env file's variables: KEY=VALUE lines, `export ` allowed, quotes stripped, # comments ignored. */
export function parseDotenv(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2];
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    vars[match[1]] = value;
  }
  return vars;
}

/**
 * A project name as the tools normalise it: lower case, only letters, digits, "-" and "_",
 * starting with a letter or digit (compose v2 refuses others, v1 strips them).
 */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[-_]+/, '');
}

export interface ProjectFiles {
  /** The folder the project runs in (the first file's folder): relative paths in the files resolve from here. */
  dir: string;
  /** Absolute paths of the compose files, in the order they are merged (-f for each). */
  files: string[];
  /** The project name Berth passes with -p, so every tool (v1 or v2) uses the same one. */
  name: string;
  /** Profiles COMPOSE_PROFILES turns on by default. */
  defaultProfiles: string[];
  /** An --env-file given to the tool, when it is not the folder's .env. */
  envFile?: string;
}

export interface FolderInputs {
  /** Absolute path of the folder. */
  dir: string;
  /** Names of the files in the folder. */
  entries: readonly string[];
  /** The variables of the folder's .env file (or of the env file chosen with envFile). */
  dotenv: Record<string, string>;
  /** The process environment: it wins over .env, as in the tools. */
  env: Record<string, string | undefined>;
  /** The top-level `name:` of the first compose file, when it has one. */
  topLevelName?: string;
  envFile?: string;
  platform?: NodeJS.Platform;
}

/** The project a folder holds, or undefined when it has no compose file (and no COMPOSE_FILE). */
export function projectInFolder(input: FolderInputs): ProjectFiles | undefined {
  const variable = (name: string): string | undefined => input.env[name] ?? input.dotenv[name];
  const separator = variable('COMPOSE_PATH_SEPARATOR') || ((input.platform ?? process.platform) === 'win32' ? ';' : ':');
  const listed = variable('COMPOSE_FILE')?.split(separator).map((f) => f.trim()).filter(Boolean);
  let files: string[];
  if (listed && listed.length > 0) {
    files = listed.map((f) => path.resolve(input.dir, f));
  } else {
    const primary = composeFileNames.find((n) => input.entries.includes(n));
    if (!primary) return undefined;
    files = [path.join(input.dir, primary)];
    if (input.entries.includes(overrideName(primary))) files.push(path.join(input.dir, overrideName(primary)));
  }
  const dir = path.dirname(files[0]);
  const name = normalizeProjectName(variable('COMPOSE_PROJECT_NAME') || input.topLevelName || path.basename(dir));
  const defaultProfiles = (variable('COMPOSE_PROFILES') ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  return { dir, files, name: name || 'default', defaultProfiles, ...(input.envFile ? { envFile: input.envFile } : {}) };
}

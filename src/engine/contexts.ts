/**
 * Docker contexts: list them (like `docker context ls`) and switch the current one
 * (like `docker context use`, which writes currentContext in config.json). Reading is
 * a pure function over injected file access; the real file system is wired here too.
 */
import * as l10n from '@vscode/l10n';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { currentContextName, defaultSocketCandidates, dockerConfigDir, EndpointInputs, readContext } from './endpoint';
import { EngineError } from './errors';

export interface ContextInfo {
  name: string;
  description: string;
  url: string;
  tls: boolean;
  current: boolean;
}

export interface ContextFiles {
  readFile: (p: string) => string | undefined;
  exists: (p: string) => boolean;
  /** Entries of a folder (names), empty when it does not exist. */
  listDir: (p: string) => string[];
}

/** The real file system, for EndpointInputs and listContexts. */
export function systemFiles(): ContextFiles {
  return {
    readFile: (p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists: (p) => existsSync(p),
    listDir: (p) => {
      try {
        return readdirSync(p);
      } catch {
        return [];
      }
    },
  };
}

/** Endpoint inputs from this process's environment and files: what the extension passes to resolveEndpoint. */
export function systemEndpointInputs(hostSetting?: string, env: Record<string, string | undefined> = process.env, contextSetting?: string): EndpointInputs {
  const files = systemFiles();
  return { hostSetting, contextSetting, env, exists: files.exists, readFile: files.readFile, home: env.HOME || homedir(), platform: process.platform };
}

/** Every context on disk plus "default", sorted by name, the current one marked. */
export function listContexts(env: Record<string, string | undefined>, home: string | undefined, files: ContextFiles): ContextInfo[] {
  const configDir = dockerConfigDir(env, home);
  const current = currentContextName(env, configDir, files.readFile)?.name ?? 'default';
  const defaultUrl = env.DOCKER_HOST || (() => {
    const candidates = defaultSocketCandidates(env, home);
    const found = candidates.find((c) => files.exists(c)) ?? candidates[0];
    return found.startsWith('npipe:') ? found : `unix://${found}`;
  })();
  const out: ContextInfo[] = [{ name: 'default', description: l10n.t('Current DOCKER_HOST based configuration'), url: defaultUrl, tls: !!(env.DOCKER_TLS_VERIFY || env.DOCKER_TLS), current: current === 'default' }];
  const metaRoot = path.join(configDir, 'contexts', 'meta');
  for (const dir of files.listDir(metaRoot)) {
    const text = files.readFile(path.join(metaRoot, dir, 'meta.json'));
    if (!text) continue;
    let name: string | undefined;
    try {
      name = (JSON.parse(text) as { Name?: string }).Name;
    } catch {
      continue;
    }
    if (!name) continue;
    const context = readContext(name, configDir, files.readFile, files.exists);
    if (!context) continue;
    out.push({ name, description: context.description, url: context.url, tls: !!context.tls, current: current === name });
  }
  return out.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/**
 * Makes `name` the current context by writing currentContext in config.json (other
 * keys kept; "default" removes it). DOCKER_CONTEXT and DOCKER_HOST still win over it,
 * as with the CLI; callers say so when they are set.
 */
export async function useContext(name: string, env: Record<string, string | undefined> = process.env, home: string | undefined = env.HOME || homedir()): Promise<void> {
  const configDir = dockerConfigDir(env, home);
  const files = systemFiles();
  if (name !== 'default' && !readContext(name, configDir, files.readFile, files.exists)) {
    throw new EngineError('notFound', l10n.t('There is no Docker context named "{0}".', name), l10n.t('Run `docker context ls` to see the contexts, or create one with `docker context create`.'));
  }
  const file = path.join(configDir, 'config.json');
  let config: Record<string, unknown> = {};
  try {
    config = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new EngineError('badRequest', l10n.t('Cannot read {0}: it is not valid JSON.', file), l10n.t('Fix or remove the file, then try again.'), undefined, { cause: error });
    }
  }
  if (name === 'default') delete config.currentContext;
  else config.currentContext = name;
  await mkdir(configDir, { recursive: true });
  // Write then rename, so a crash never leaves a half-written config.json.
  const temp = `${file}.berth-${process.pid}`;
  await writeFile(temp, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600 });
  await rename(temp, file);
}

/**
 * Writes the docker CLI's context store, in its own format, so `docker context ls` sees
 * what Berth creates and Berth sees what the CLI creates: contexts/meta/<sha256 of the
 * name>/meta.json ({"Name", "Metadata": {"Description"}, "Endpoints": {"docker": {"Host",
 * "SkipTLSVerify"}}}) and the TLS files copied to contexts/tls/<sha256>/docker/{ca,cert,key}.pem
 * (private to the user, as the CLI writes them). The JSON and the paths are pure
 * functions; only create, remove and inspect touch the disk.
 */
import * as l10n from '@vscode/l10n';
import { chmod, copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { contextDirName, currentContextName, dockerConfigDir, readContext, validateEndpointUrl } from './endpoint';
import { EngineError } from './errors';
import { systemFiles } from './contexts';

export interface NewContext {
  name: string;
  description?: string;
  /** unix://, tcp:// or ssh://. */
  host: string;
  /** Files to copy into the context (tcp with TLS): the CA to verify the engine, the client certificate and key. */
  tls?: { ca?: string; cert?: string; key?: string };
  /** TLS without verifying the engine's certificate (the CLI's skip-tls-verify). */
  skipTlsVerify?: boolean;
}

/** The docker CLI's rule for context names; "default" is the CLI's own and cannot be made. */
export function validateContextName(text: string): string | undefined {
  const name = text.trim();
  if (!name) return l10n.t('A context needs a name.');
  if (name === 'default') return l10n.t('"default" is the docker CLI\'s own context; choose another name.');
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/.test(name)) return l10n.t('"{0}" is not a context name: start with a letter or digit, then letters, digits, _ . + or -, at least two characters.', name);
  return undefined;
}

/** One sentence when a new context cannot be written as given. */
export function validateNewContext(context: NewContext): string | undefined {
  const nameProblem = validateContextName(context.name);
  if (nameProblem) return nameProblem;
  const urlProblem = validateEndpointUrl(context.host);
  if (urlProblem) return urlProblem;
  const tlsFiles = Object.values(context.tls ?? {}).filter(Boolean);
  if ((tlsFiles.length > 0 || context.skipTlsVerify) && !context.host.trim().startsWith('tcp://')) return l10n.t('TLS files and skip-tls-verify apply to tcp:// endpoints only.');
  if (!!context.tls?.cert !== !!context.tls?.key) return l10n.t('A client certificate needs its key, and a key its certificate.');
  return undefined;
}

/** meta.json's content, byte for byte the shape the docker CLI writes. */
export function contextMetaJson(context: NewContext): string {
  const metadata = context.description?.trim() ? { Description: context.description.trim() } : {};
  return JSON.stringify({ Name: context.name.trim(), Metadata: metadata, Endpoints: { docker: { Host: context.host.trim(), SkipTLSVerify: !!context.skipTlsVerify } } });
}

/** Where a context lives in the store: its meta folder and its TLS folder. */
export function contextPaths(configDir: string, name: string): { meta: string; tls: string } {
  const dir = contextDirName(name);
  return { meta: path.join(configDir, 'contexts', 'meta', dir), tls: path.join(configDir, 'contexts', 'tls', dir) };
}

type Env = Record<string, string | undefined>;

function configDirOf(env: Env): string {
  return dockerConfigDir(env, env.HOME);
}

/** Creates a context in the store ($DOCKER_CONFIG or ~/.docker); refuses a name that exists. */
export async function createContext(context: NewContext, env: Env = process.env): Promise<void> {
  const problem = validateNewContext(context);
  if (problem) throw new EngineError('badRequest', problem);
  const configDir = configDirOf(env);
  const name = context.name.trim();
  const files = systemFiles();
  if (readContext(name, configDir, files.readFile, files.exists)) throw new EngineError('conflict', l10n.t('A Docker context named "{0}" already exists.', name), l10n.t('Choose another name, or remove that context first.'));
  for (const file of Object.values(context.tls ?? {})) {
    if (file && !(await stat(file).then((s) => s.isFile(), () => false))) throw new EngineError('badRequest', l10n.t('The TLS file {0} does not exist or is not a file.', file));
  }
  const where = contextPaths(configDir, name);
  await mkdir(where.meta, { recursive: true });
  try {
    const tlsEntries = Object.entries(context.tls ?? {}).filter((entry): entry is [string, string] => !!entry[1]);
    if (tlsEntries.length > 0) {
      const dockerTls = path.join(where.tls, 'docker');
      await mkdir(dockerTls, { recursive: true, mode: 0o700 });
      for (const [kind, file] of tlsEntries) {
        await copyFile(file, path.join(dockerTls, `${kind}.pem`));
        // The key is a secret: readable by its owner only, as the CLI leaves it.
        await chmod(path.join(dockerTls, `${kind}.pem`), 0o600);
      }
    }
    // Write then rename: a half-written meta.json would break `docker context ls`.
    const temp = path.join(where.meta, `meta.json.berth-${process.pid}`);
    await writeFile(temp, contextMetaJson(context), { mode: 0o644 });
    await rename(temp, path.join(where.meta, 'meta.json'));
  } catch (error) {
    await rm(where.meta, { recursive: true, force: true });
    await rm(where.tls, { recursive: true, force: true });
    throw new EngineError('badRequest', l10n.t('Could not write the context "{0}": {1}', name, (error as Error).message), undefined, undefined, { cause: error });
  }
}

/**
 * Removes a context from the store, as `docker context rm` does: not "default", and not
 * the docker CLI's current context (the CLI would then point at nothing).
 */
export async function removeContext(name: string, env: Env = process.env): Promise<void> {
  const configDir = configDirOf(env);
  const files = systemFiles();
  if (name === 'default') throw new EngineError('badRequest', l10n.t('The "default" context is the docker CLI\'s own and cannot be removed.'));
  if (!readContext(name, configDir, files.readFile, files.exists)) throw new EngineError('notFound', l10n.t('There is no Docker context named "{0}".', name));
  const current = currentContextName(env, configDir, files.readFile);
  if (current?.name === name) throw new EngineError('conflict', l10n.t('"{0}" is the docker CLI\'s current context ({1}).', name, current.from), l10n.t('Switch the CLI to another context first (`docker context use default`).'));
  const where = contextPaths(configDir, name);
  await rm(where.tls, { recursive: true, force: true });
  await rm(where.meta, { recursive: true, force: true });
}

/** What `docker context inspect NAME` prints for one context (without the enclosing array). */
export async function inspectContext(name: string, env: Env = process.env): Promise<Record<string, unknown>> {
  const configDir = configDirOf(env);
  const where = contextPaths(configDir, name);
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(await readFile(path.join(where.meta, 'meta.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    throw new EngineError('notFound', l10n.t('There is no Docker context named "{0}".', name));
  }
  const files = systemFiles();
  const tlsFiles = files.listDir(path.join(where.tls, 'docker')).sort();
  return {
    ...meta,
    TLSMaterial: tlsFiles.length > 0 ? { docker: tlsFiles } : {},
    Storage: { MetadataPath: where.meta, TLSPath: where.tls },
  };
}

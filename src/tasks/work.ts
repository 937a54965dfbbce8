/**
 * What each berth-* task does, over the engine layer: build (with the failing step
 * mapped to its Dockerfile line), tag and push (per-layer progress, the pushed
 * digest), run. Output goes to a TaskOutput; credentials go only to the engine.
 */
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { type BuildStep, type Engine, EngineError, onText, type ProgressEvent, validate } from '../engine';
import { RegistryClient, RegistryError } from '../registries/client';
import type { Credentials } from '../registries/credentials';
import { checkNetwork, describeRun, RunOptions, toCreateOptions } from '../run/options';
import { formatSize } from '../views/format';
import type { BuildTaskDefinition } from './definitions';
import { lineOfStep } from './dockerfile';
import { TransferProgress } from './progress';
import type { TaskOutput } from './terminal';

export interface BuildFailure {
  dockerfile: string;
  /** Zero-based lines of the failing instruction. */
  startLine: number;
  endLine: number;
  message: string;
}

export interface ResolvedBuild extends BuildTaskDefinition {
  /** Absolute paths. */
  dockerfile: string;
  context: string;
}

/** Resolves a build definition's paths against the workspace folder. */
export function resolveBuild(definition: BuildTaskDefinition, folder: string): ResolvedBuild {
  const dockerfile = path.resolve(folder, definition.dockerfile ?? 'Dockerfile');
  const context = path.resolve(folder, definition.context ?? path.dirname(path.relative(folder, dockerfile)));
  return { ...definition, dockerfile, context };
}

export async function runBuild(engine: Engine, credentials: Credentials, build: ResolvedBuild, out: TaskOutput, signal: AbortSignal, onFailure: (failure: BuildFailure | undefined) => void): Promise<string> {
  const relative = path.relative(build.context, build.dockerfile).split(path.sep).join('/');
  if (relative.startsWith('..')) throw new EngineError('badRequest', l10n.t('The Dockerfile {0} is outside the build context {1}.', build.dockerfile, build.context));
  const text = await fs.readFile(build.dockerfile, 'utf8').catch(() => {
    throw new EngineError('notFound', l10n.t('There is no Dockerfile at {0}.', build.dockerfile));
  });
  onFailure(undefined);
  out.line(`${l10n.t('Context {0}, Dockerfile {1}', build.context, relative)}${build.target ? l10n.t(', target {0}', build.target) : ''}${build.tags?.length ? l10n.t(', tags {0}', build.tags.join(', ')) : ''}`);
  let lastStep: BuildStep | undefined;
  try {
    const result = await engine.images.build({
      context: build.context, dockerfile: relative, tags: build.tags, buildArgs: build.buildArgs, target: build.target,
      labels: build.labels, noCache: build.noCache, pull: build.pull, registryAuth: await baseImageAuth(credentials, text),
    }, {
      signal,
      onProgress: (event) => {
        lastStep = event.step ?? lastStep;
        if (event.stream) out.write(event.stream);
        else if (event.status) out.line(`${event.id ? `${event.id}: ` : ''}${event.status}${event.progress ? ` ${event.progress}` : ''}`);
      },
    });
    out.line(result.tags.length ? l10n.t('Built {0} as {1}', result.imageId, result.tags.join(', ')) : l10n.t('Built {0}', result.imageId));
    return result.imageId;
  } catch (error) {
    const step = (error as { step?: BuildStep }).step ?? lastStep;
    if (step && !(error instanceof EngineError && error.kind === 'cancelled')) {
      const where = lineOfStep(text, step);
      const said = error instanceof EngineError ? (error.cause instanceof EngineError ? error.cause.message : error.message) : String(error);
      if (where) onFailure({ dockerfile: build.dockerfile, startLine: where.startLine, endLine: where.endLine, message: said });
    }
    throw error;
  }
}

/** Credentials for the registries the Dockerfile's FROM lines name (only those Berth or docker has). */
async function baseImageAuth(credentials: Credentials, dockerfileText: string): Promise<Record<string, { username?: string; password?: string; serveraddress?: string }> | undefined> {
  const registries = new Set<string>();
  for (const match of dockerfileText.matchAll(/^\s*FROM\s+(?:--\S+\s+)*(\S+)/gim)) registries.add(validate.registryOf(match[1]));
  const out: Record<string, { username?: string; password?: string; serveraddress?: string }> = {};
  for (const registry of registries) {
    const auth = await credentials.engineAuth(registry);
    if (auth && auth.password) out[auth.serveraddress] = { username: auth.username, password: auth.password, serveraddress: auth.serveraddress };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export async function runTag(engine: Engine, image: string, tags: string[], out: TaskOutput): Promise<void> {
  for (const tag of tags) {
    await engine.images.tag(image, tag);
    out.line(l10n.t('Tagged {0} as {1}', image, tag));
  }
}

function progressPrinter(out: TaskOutput, progress: TransferProgress, verb: string): (event: ProgressEvent) => void {
  let last = 0;
  return (event) => {
    const layered = progress.update(event);
    if (event.id && event.status && /^(Pushed|Layer already exists|Pull complete|Already exists|Mounted from .*)$/.test(event.status)) {
      out.line(`${event.id}: ${event.status}`);
    } else if (!event.id && event.status && !layered) {
      out.line(event.status);
    }
    const now = Date.now();
    if (layered && now - last > 200) {
      last = now;
      out.status(`${verb}: ${progress.summary(formatSize)}`);
    }
  };
}

/** Pushes one reference with the right credential; returns the digest. */
export async function runPush(engine: Engine, credentials: Credentials, reference: string, out: TaskOutput, signal: AbortSignal): Promise<string | undefined> {
  const problem = validate.validateImageReference(reference);
  if (problem) throw new EngineError('badRequest', problem);
  const registry = validate.registryOf(reference);
  const auth = await credentials.engineAuth(registry);
  const credential = auth ? await credentials.forRegistry(registry) : undefined;
  out.line(credential
    ? l10n.t('Pushing {0} to {1} as {2} (credential from {3})', reference, registry, credential.username || 'token', credential.source)
    : l10n.t('Pushing {0} to {1} without a login', reference, registry));
  const progress = new TransferProgress();
  try {
    const digest = await engine.images.push(reference, { auth, signal, onProgress: progressPrinter(out, progress, l10n.t('Pushing')) });
    out.line(l10n.t('Pushed {0}: {1}, digest {2}', reference, progress.summary(formatSize), digest ?? progress.digest ?? l10n.t('unknown')));
    return digest ?? progress.digest;
  } catch (error) {
    throw await explainTransferFailure(error, registry, Boolean(auth), reference);
  }
}

/**
 * The engine reports a refused push inside its progress stream, without a status
 * code. Ask the registry itself (anonymously, by status code) whether it wants a
 * login, and say so plainly.
 */
async function explainTransferFailure(error: unknown, registry: string, hadLogin: boolean, reference: string): Promise<unknown> {
  if (error instanceof EngineError && (error.kind === 'cancelled' || error.kind === 'unreachable' || error.kind === 'tls')) return error;
  if (registry === 'docker.io') return error;
  const needsLogin = await new RegistryClient(registry, { timeoutMs: 5_000 }).ping().then(() => false, (e: unknown) => e instanceof RegistryError && e.kind === 'unauthorized');
  if (!needsLogin) return error;
  const said = error instanceof Error ? error.message : String(error);
  return new EngineError('unauthorized', hadLogin
    ? l10n.t('The registry {0} refused to push {1} with the stored login ({2}).', registry, reference, said)
    : l10n.t('The registry {0} requires a login to push {1} ({2}).', registry, reference, said),
  hadLogin ? l10n.t('Log in again with the right user and password (Berth: Log In to Registry…).') : l10n.t('Log in first: Berth: Log In to Registry…, or `docker login`.'));
}

/** Creates (and starts, unless `createOnly`) a container; interactive runs attach in the terminal. */
export async function runContainer(engine: Engine, options: RunOptions, out: TaskOutput, signal: AbortSignal, createOnly = false, baseDir?: string): Promise<string> {
  out.line(describeRun(options));
  const create = toCreateOptions(options, baseDir);
  // A network typed in tasks.json must exist: checked here, so a typo never reaches the create call.
  if (checkNetwork(options.network ?? '', [])) {
    const problem = checkNetwork(options.network ?? '', (await engine.networks.list({ signal })).map((n) => n.name));
    if (problem) throw new EngineError('badRequest', problem);
  }
  if (createOnly) {
    const id = await engine.containers.create(create, signal);
    out.line(l10n.t('Created {0} ({1})', options.name ?? id.slice(0, 12), id.slice(0, 12)));
    return id;
  }
  if (!options.interactive) {
    const id = await engine.containers.run(create, signal);
    out.line(l10n.t('Started {0} ({1})', options.name ?? id.slice(0, 12), id.slice(0, 12)));
    const ports = await engine.containers.ports(id).catch(() => []);
    const published = ports.filter((p) => p.publicPort !== undefined).map((p) => `${p.ip && p.ip !== '0.0.0.0' ? p.ip : 'localhost'}:${p.publicPort} → ${p.privatePort}/${p.type}`);
    if (published.length > 0) out.line(l10n.t('Ports: {0}', published.join(', ')));
    return id;
  }
  const id = await engine.containers.create(create, signal);
  const session = await engine.containers.attach(id, { stdin: true, tty: true, signal });
  const input = out.onInput((data) => session.stdin.write(data));
  const resize = out.onResize((d) => void session.resize(d.columns, d.rows).catch(() => undefined));
  try {
    onText(session.stdout, (text) => out.write(text));
    onText(session.stderr, (text) => out.write(text));
    await engine.containers.start(id, signal);
    if (out.dimensions) await session.resize(out.dimensions.columns, out.dimensions.rows).catch(() => undefined);
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new EngineError('cancelled', l10n.t('The run was cancelled.'))), { once: true }));
    const code = await Promise.race([session.exit, aborted]);
    if (code !== undefined && code !== 0) throw new EngineError('server', l10n.t('The container exited with code {0}.', code));
    return id;
  } finally {
    input.dispose();
    resize.dispose();
    session.close();
  }
}

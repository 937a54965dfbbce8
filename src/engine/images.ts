/**
 * Images: list, inspect, history, tag, remove, prune, pull, push, build, import,
 * save, load, search. Long operations take an AbortSignal and report progress.
 */
import * as l10n from '@vscode/l10n';
import type { Readable } from 'node:stream';
import { Api, filters, RegistryAuth } from './api';
import { packContext } from './buildContext';
import { conflictFixes, EngineError } from './errors';
import { buildStepOf, libpod, loadedImages, withSha256 } from './podman';
import { followProgress } from './progress';
import type { BuildOptions, BuildResult, ImageDetails, ImageHistoryEntry, ImageSearchResult, ImageSummary, ProgressEvent, PruneResult } from './types';
import { parseImageReference, registryOf, splitRepoTag, validateImageReference } from './validate';
import type { ImageListEntry } from './wire';

const enc = encodeURIComponent;

export interface TransferOptions {
  auth?: RegistryAuth;
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  platform?: string;
}

/** A build step, parsed from the classic builder's "Step 2/5 : RUN make" lines. */
export interface BuildStep {
  index: number;
  total: number;
  instruction: string;
}

/** A failed build: which step failed, when the builder said so. */
export class BuildError extends EngineError {
  constructor(error: EngineError, readonly step?: BuildStep) {
    super(error.kind, step ? l10n.t('Step {0}/{1} ({2}) failed: {3}', step.index, step.total, step.instruction, error.message) : error.message, error.fix, error.statusCode, { cause: error });
  }
}

export class Images {
  constructor(private readonly api: Api) {}

  /**
   * Repo digests come with every entry: `digests=1` only changes what the docker CLI prints,
   * and Podman answers it with an empty body (an open Podman bug), so it is never sent.
   */
  async list(options: { all?: boolean; dangling?: boolean; filters?: Record<string, string | string[] | undefined>; signal?: AbortSignal } = {}): Promise<ImageSummary[]> {
    const list = await this.api.json<ImageListEntry[]>({
      method: 'GET', path: '/images/json', signal: options.signal,
      query: { all: options.all ?? false, filters: filters({ ...(options.filters ?? {}), dangling: options.dangling === undefined ? undefined : String(options.dangling) }) },
    });
    return list.map(toImageSummary);
  }

  async inspect(ref: string): Promise<ImageDetails> {
    /* eslint-disable-next-line @typescript-eslint/no-explicit-any -- the engine's inspect JSON */
    const raw = await this.api.json<Record<string, any>>({ method: 'GET', path: `/images/${enc(ref)}/json` });
    const config = raw.Config ?? {};
    return {
      id: withSha256(raw.Id), repoTags: raw.RepoTags ?? [], repoDigests: raw.RepoDigests ?? [], parent: raw.Parent ?? '', created: raw.Created ?? '',
      author: raw.Author ?? '', comment: raw.Comment ?? '', architecture: raw.Architecture ?? '', os: raw.Os ?? '', size: raw.Size ?? 0,
      config: { cmd: config.Cmd ?? [], entrypoint: config.Entrypoint ?? [], env: config.Env ?? [], workdir: config.WorkingDir ?? '', user: config.User ?? '', labels: config.Labels ?? {}, exposedPorts: Object.keys(config.ExposedPorts ?? {}) },
      raw,
    };
  }

  async history(ref: string): Promise<ImageHistoryEntry[]> {
    const list = await this.api.json<{ Id: string; Created: number; CreatedBy: string; Tags: string[] | null; Size: number; Comment: string }[]>({ method: 'GET', path: `/images/${enc(ref)}/history` });
    return list.map((h) => ({ id: withSha256(h.Id), created: h.Created, createdBy: h.CreatedBy, tags: h.Tags ?? [], size: h.Size, comment: h.Comment }));
  }

  /** Tags `source` as `target` ("repo[:tag]", tag defaults to latest). */
  async tag(source: string, target: string): Promise<void> {
    // An image id ("sha256:…" or a short one) reads as a reference too, so both sides are checked the same way.
    const problem = validateImageReference(source) ?? validateImageReference(target);
    if (problem) throw new EngineError('badRequest', problem);
    const { repo, tag } = splitRepoTag(target);
    await this.api.json({ method: 'POST', path: `/images/${enc(source)}/tag`, query: { repo, tag } });
  }

  async remove(ref: string, options: { force?: boolean; noPrune?: boolean } = {}): Promise<{ untagged: string[]; deleted: string[] }> {
    const result = await this.api.json<{ Untagged?: string; Deleted?: string }[]>({ method: 'DELETE', path: `/images/${enc(ref)}`, query: { force: options.force ?? false, noprune: options.noPrune ?? false }, timeoutMs: 0, fixes: conflictFixes.imageInUse });
    return { untagged: result.flatMap((r) => (r.Untagged ? [r.Untagged] : [])), deleted: result.flatMap((r) => (r.Deleted ? [withSha256(r.Deleted)] : [])) };
  }

  /** Dangling images by default; `all` also removes unused tagged ones. */
  async prune(options: { all?: boolean; filters?: Record<string, string | string[] | undefined>; signal?: AbortSignal } = {}): Promise<PruneResult> {
    // Podman's compatible prune always adds dangling=true, so a second dangling filter fails: its own endpoint takes `all`.
    if (options.all && await this.api.isPodman(options.signal)) {
      const pruned = await this.api.json<{ Id: string; Err?: string | null; Size?: number }[] | null>({
        method: 'POST', path: `${libpod}/images/prune`, signal: options.signal, timeoutMs: 0, query: { all: true, filters: filters(options.filters ?? {}) },
      });
      const done = (pruned ?? []).filter((p) => !p.Err);
      return { deleted: done.map((p) => withSha256(p.Id)), spaceReclaimed: done.reduce((sum, p) => sum + (p.Size ?? 0), 0) };
    }
    const result = await this.api.json<{ ImagesDeleted?: { Deleted?: string; Untagged?: string }[] | null; SpaceReclaimed?: number }>({
      method: 'POST', path: '/images/prune', signal: options.signal, timeoutMs: 0, query: { filters: filters({ ...(options.filters ?? {}), dangling: options.all ? 'false' : 'true' }) },
    });
    return { deleted: (result.ImagesDeleted ?? []).flatMap((d) => (d.Deleted ? [withSha256(d.Deleted)] : d.Untagged ? [d.Untagged] : [])), spaceReclaimed: result.SpaceReclaimed ?? 0 };
  }

  /** Pulls one tag (latest when none is named), never every tag of the repository. */
  async pull(ref: string, options: TransferOptions = {}): Promise<void> {
    const parsed = parseImageReference(ref);
    if (!parsed.ok) throw new EngineError('badRequest', parsed.error);
    const query = parsed.value.digest ? { fromImage: ref } : { fromImage: splitRepoTag(ref).repo, tag: splitRepoTag(ref).tag };
    const stream = await this.api.stream({ method: 'POST', path: '/images/create', query: { ...query, platform: options.platform }, auth: options.auth, signal: options.signal });
    await followProgress(this.api, stream, options.onProgress, options.signal);
  }

  /** `docker pull -a`: every tag of a repository (a reference without tag or digest). */
  async pullAllTags(repository: string, options: TransferOptions = {}): Promise<void> {
    const parsed = parseImageReference(repository);
    if (!parsed.ok) throw new EngineError('badRequest', parsed.error);
    if (parsed.value.digest || /:[^/]+$/.test(repository)) throw new EngineError('badRequest', l10n.t('"{0}" names a tag or digest; pulling all tags takes the repository alone (e.g. {1}).', repository, splitRepoTag(repository).repo));
    if (await this.api.isPodman(options.signal)) {
      // Podman's compatible pull takes a missing tag for latest: its own endpoint pulls every tag.
      const stream = await this.api.stream({ method: 'POST', path: `${libpod}/images/pull`, query: { reference: repository, allTags: true, platform: options.platform }, auth: options.auth, signal: options.signal });
      await followProgress(this.api, stream, options.onProgress, options.signal);
      return;
    }
    // The engine pulls every tag when the request names none.
    const stream = await this.api.stream({ method: 'POST', path: '/images/create', query: { fromImage: repository, platform: options.platform }, auth: options.auth, signal: options.signal });
    await followProgress(this.api, stream, options.onProgress, options.signal);
  }

  /** Pushes one tag; returns the pushed manifest digest when the engine reports it. */
  async push(ref: string, options: TransferOptions = {}): Promise<string | undefined> {
    const problem = validateImageReference(ref);
    if (problem) throw new EngineError('badRequest', problem);
    const { repo, tag } = splitRepoTag(ref);
    const stream = await this.api.stream({ method: 'POST', path: `/images/${enc(repo)}/push`, query: { tag }, auth: options.auth ?? {}, signal: options.signal });
    const lines = await followProgress(this.api, stream, options.onProgress, options.signal);
    const aux = lines.find((l) => l.aux && typeof l.aux.Digest === 'string' && l.aux.Digest);
    if (aux) return aux.aux?.Digest as string;
    // Podman sends no aux record, only the line the docker CLI prints: "v1: digest: sha256:… size: 528".
    for (const line of lines) {
      const match = /(?:^|\s)digest: (sha256:[0-9a-f]{64})(?:\s|$)/.exec(line.status ?? '');
      if (match) return match[1];
    }
    return undefined;
  }

  /** Builds with the classic builder from a local folder; errors name the failed step (query from buildQuery). */
  async build(options: BuildOptions, events: { onProgress?: (event: ProgressEvent & { step?: BuildStep }) => void; signal?: AbortSignal } = {}): Promise<BuildResult> {
    for (const tag of options.tags ?? []) {
      const problem = validateImageReference(tag);
      if (problem) throw new EngineError('badRequest', problem);
    }
    const dockerfile = (options.dockerfile ?? 'Dockerfile').split('\\').join('/');
    const context = packContext(options.context, dockerfile);
    const registryConfig: Record<string, RegistryAuth> = {};
    for (const [host, auth] of Object.entries(options.registryAuth ?? {})) registryConfig[host] = { ...auth, serveraddress: auth.serveraddress ?? host };
    const stream = await this.api.stream({
      method: 'POST', path: '/build', file: context, contentType: 'application/x-tar', signal: events.signal, cli: { context: options.context },
      registryConfig: Object.keys(registryConfig).length > 0 ? registryConfig : undefined,
      query: buildQuery(options, dockerfile),
    });
    let step: BuildStep | undefined;
    try {
      const lines = await followProgress(this.api, stream, (event) => {
        step = (event.stream ? buildStepOf(event.stream) : undefined) ?? step;
        events.onProgress?.({ ...event, step });
      }, events.signal);
      const id = [...lines].reverse().find((l) => l.aux && typeof l.aux.ID === 'string')?.aux?.ID as string | undefined;
      if (!id) throw new EngineError('server', l10n.t('The build finished without reporting an image id.'));
      return { imageId: id, tags: options.tags ?? [] };
    } catch (error) {
      const engineError = error as EngineError;
      throw engineError.kind === 'cancelled' ? engineError : new BuildError(engineError, step);
    }
  }

  /** Imports a root filesystem tar as an image (like `docker import`); returns its id. */
  async import(tar: Readable | Buffer, options: { repo?: string; tag?: string; changes?: string[]; message?: string; onProgress?: (event: ProgressEvent) => void; signal?: AbortSignal } = {}): Promise<string> {
    if (await this.api.isPodman(options.signal)) {
      // Podman's compatible import drops the tag (the image becomes repo:latest): its own endpoint takes the whole reference.
      const reference = options.repo ? `${options.repo}:${options.tag || 'latest'}` : undefined;
      const report = await this.api.json<{ Id?: string }>({
        method: 'POST', path: `${libpod}/images/import`, file: tar, contentType: 'application/x-tar', signal: options.signal, timeoutMs: 0,
        query: { reference, changes: options.changes, message: options.message },
      });
      if (!report.Id) throw new EngineError('server', l10n.t('The import finished without reporting an image id.'));
      return withSha256(report.Id);
    }
    const stream = await this.api.stream({
      method: 'POST', path: '/images/create', file: tar, contentType: 'application/x-tar', signal: options.signal,
      query: { fromSrc: '-', repo: options.repo, tag: options.tag, changes: options.changes, message: options.message },
    });
    const lines = await followProgress(this.api, stream, options.onProgress, options.signal);
    const id = lines.map((l) => l.status ?? '').find((s) => /^sha256:[0-9a-f]{64}$/.test(s));
    if (!id) throw new EngineError('server', l10n.t('The import finished without reporting an image id.'));
    return id;
  }

  /** One or more images as a tar stream (like `docker save`). */
  save(refs: string[], signal?: AbortSignal): Promise<Readable> {
    return this.api.stream({ method: 'GET', path: '/images/get', query: { names: refs }, signal });
  }

  /** Loads a `docker save` tar; returns what the engine says it loaded ("Loaded image: x"). */
  async load(tar: Readable | Buffer, options: { onProgress?: (event: ProgressEvent) => void; signal?: AbortSignal } = {}): Promise<string[]> {
    const stream = await this.api.stream({ method: 'POST', path: '/images/load', file: tar, contentType: 'application/x-tar', query: { quiet: false }, signal: options.signal });
    const lines = await followProgress(this.api, stream, options.onProgress, options.signal);
    // dockerd says "Loaded image: x" once per image, Podman once for all of them, comma-separated.
    return lines.flatMap((l) => (l.stream ? loadedImages(l.stream) : []));
  }

  /** The registry search API; `term` may name a registry ("myregistry:5000/app"). */
  async search(term: string, options: { limit?: number; auth?: RegistryAuth; signal?: AbortSignal } = {}): Promise<ImageSearchResult[]> {
    const list = await this.api.json<SearchEntry[]>({
      method: 'GET', path: '/images/search', query: { term, limit: options.limit }, auth: options.auth, signal: options.signal,
    });
    return list.map(toSearchResult);
  }

  /** The registry host of a reference, for picking credentials. */
  registryOf(ref: string): string {
    return registryOf(ref);
  }
}

export function toImageSummary(i: ImageListEntry): ImageSummary {
  return {
    id: i.Id,
    repoTags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
    repoDigests: (i.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
    created: i.Created,
    size: i.Size,
    labels: i.Labels ?? {},
    containers: i.Containers,
  };
}

/** A search result as dockerd (registry v1 fields) or Podman (Name, Stars, "[OK]" flags; names with their registry) sends it. */
interface SearchEntry {
  name?: string; description?: string; star_count?: number; is_official?: boolean; is_automated?: boolean;
  Name?: string; Description?: string; Stars?: number; Official?: string; Automated?: string;
}

export function toSearchResult(r: SearchEntry): ImageSearchResult {
  return {
    name: r.name ?? r.Name ?? '', description: r.description ?? r.Description ?? '', stars: r.star_count ?? r.Stars ?? 0,
    official: r.is_official ?? r.Official === '[OK]', automated: r.is_automated ?? r.Automated === '[OK]',
  };
}

/** The query of a build request (also read by "Copy as docker command" on a build task, so both say the same). */
export function buildQuery(options: BuildOptions, dockerfile: string): Record<string, unknown> {
  return {
    t: options.tags, dockerfile, buildargs: options.buildArgs ? JSON.stringify(options.buildArgs) : undefined,
    target: options.target, labels: options.labels ? JSON.stringify(options.labels) : undefined,
    nocache: options.noCache ?? false, pull: options.pull ? '1' : undefined, platform: options.platform, rm: true, forcerm: true,
  };
}

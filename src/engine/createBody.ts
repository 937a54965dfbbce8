/**
 * `docker create` options as the engine's create body: a pure function, so the
 * mapping of every flag is unit-tested without an engine.
 */
import { parseEnvFile, validateBind, validateEnvLine, validateExtraHost, validateImageReference } from './validate';
import type { CreateContainerOptions } from './types';
import { EngineError } from './errors';

function invalid(sentence: string): EngineError {
  return new EngineError('badRequest', sentence);
}

/** Validates and maps; `envFileText` holds the already-read contents of options.envFiles. */
export function toCreateBody(options: CreateContainerOptions, envFileText: string[] = [], callerEnv: Record<string, string | undefined> = {}): Record<string, unknown> {
  const problem = validateImageReference(options.image);
  if (problem) throw invalid(problem);
  const env: string[] = [];
  for (const text of envFileText) {
    const parsed = parseEnvFile(text, callerEnv);
    if (!parsed.ok) throw invalid(parsed.error);
    env.push(...parsed.value);
  }
  for (const line of options.env ?? []) {
    const error = validateEnvLine(line);
    if (error) throw invalid(error);
    // "KEY" alone passes the caller's value through, like `docker run -e KEY`; unset, it is left out.
    if (line.includes('=')) env.push(line);
    else if (callerEnv[line] !== undefined) env.push(`${line}=${callerEnv[line]}`);
  }
  for (const bind of options.binds ?? []) {
    const error = validateBind(bind);
    if (error) throw invalid(error);
  }
  for (const host of options.extraHosts ?? []) {
    const error = validateExtraHost(host);
    if (error) throw invalid(error);
  }

  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of options.expose ?? []) exposed[`${port.containerPort}/${port.protocol}`] = {};
  for (const port of options.ports ?? []) {
    const key = `${port.containerPort}/${port.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: port.hostPort !== undefined ? String(port.hostPort) : '' });
  }
  const volumes: Record<string, object> = {};
  for (const path of options.volumes ?? []) volumes[path] = {};

  const hostConfig: Record<string, unknown> = {
    Binds: options.binds,
    Mounts: options.mounts?.map((m) => ({ Type: m.type, Source: m.source ?? '', Target: m.target, ReadOnly: m.readOnly ?? false })),
    PortBindings: Object.keys(bindings).length > 0 ? bindings : undefined,
    RestartPolicy: options.restart ? { Name: options.restart.name === 'no' ? '' : options.restart.name, MaximumRetryCount: options.restart.maximumRetryCount ?? 0 } : undefined,
    NetworkMode: options.network,
    Memory: options.memory,
    NanoCpus: options.cpus !== undefined ? Math.round(options.cpus * 1e9) : undefined,
    CpuShares: options.cpuShares,
    ReadonlyRootfs: options.readOnly,
    Dns: options.dns,
    ExtraHosts: options.extraHosts,
    AutoRemove: options.autoRemove,
    Privileged: options.privileged,
  };
  const body: Record<string, unknown> = {
    Image: options.image,
    Cmd: options.cmd,
    Entrypoint: options.entrypoint,
    Env: env.length > 0 ? env : undefined,
    ExposedPorts: Object.keys(exposed).length > 0 ? exposed : undefined,
    Volumes: Object.keys(volumes).length > 0 ? volumes : undefined,
    WorkingDir: options.workdir,
    User: options.user,
    Hostname: options.hostname,
    Labels: options.labels,
    Tty: options.tty ?? false,
    OpenStdin: options.openStdin ?? false,
    StdinOnce: false,
    AttachStdin: options.openStdin ?? false,
    AttachStdout: true,
    AttachStderr: true,
    StopSignal: options.stopSignal,
    StopTimeout: options.stopTimeout,
    HostConfig: dropUndefined(hostConfig),
  };
  if (options.network && options.networkAliases?.length) {
    body.NetworkingConfig = { EndpointsConfig: { [options.network]: { Aliases: options.networkAliases } } };
  }
  return dropUndefined(body);
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out;
}

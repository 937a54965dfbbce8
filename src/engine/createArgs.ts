/**
 * A container create body (what POST /containers/create carries) as `docker create` /
 * `docker run` flags: the inverse of createBody.ts, read from the body Berth sends, so the
 * command shown is the one Berth did. Also used for a container's recreation from inspect
 * data (recreate.ts), which builds the same kind of body.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- the engine's create body, read field by field */
type Body = Record<string, any>;

/** Flags, then the image and its command: `[...flags, image, ...cmd]`. */
export function createArgs(body: Body, name?: string): string[] {
  const host: Body = body.HostConfig ?? {};
  const args: string[] = [];
  const flag = (option: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '') args.push(option, String(value));
  };
  const each = (option: string, values: unknown) => {
    if (Array.isArray(values)) for (const value of values) args.push(option, String(value));
  };
  const on = (option: string, value: unknown) => {
    if (value === true) args.push(option);
  };

  flag('--name', name);
  on('-i', body.OpenStdin);
  on('-t', body.Tty);
  on('--rm', host.AutoRemove);
  entrypointArgs(body.Entrypoint, args);
  each('-e', body.Env);
  args.push(...portArgs(body.ExposedPorts, host.PortBindings));
  for (const path of Object.keys(body.Volumes ?? {})) args.push('-v', path);
  each('-v', host.Binds);
  for (const mount of host.Mounts ?? []) args.push('--mount', mountArg(mount));
  flag('-w', body.WorkingDir);
  flag('-u', body.User);
  flag('--hostname', body.Hostname);
  for (const [key, value] of Object.entries<string>(body.Labels ?? {})) args.push('--label', `${key}=${value}`);
  if (host.RestartPolicy?.Name) {
    const retries = host.RestartPolicy.MaximumRetryCount;
    args.push('--restart', host.RestartPolicy.Name === 'on-failure' && retries ? `on-failure:${retries}` : host.RestartPolicy.Name);
  }
  if (host.NetworkMode && host.NetworkMode !== 'default') args.push('--network', host.NetworkMode);
  const endpoints: Body = body.NetworkingConfig?.EndpointsConfig ?? {};
  for (const endpoint of Object.values<Body>(endpoints)) each('--network-alias', endpoint.Aliases);
  if (host.Memory) args.push('-m', String(host.Memory));
  if (host.NanoCpus) args.push('--cpus', cpusOf(host.NanoCpus));
  if (host.CpuShares) args.push('--cpu-shares', String(host.CpuShares));
  on('--read-only', host.ReadonlyRootfs);
  each('--dns', host.Dns);
  each('--add-host', host.ExtraHosts);
  on('--privileged', host.Privileged);
  flag('--stop-signal', body.StopSignal);
  if (body.StopTimeout !== undefined && body.StopTimeout !== null) args.push('--stop-timeout', String(body.StopTimeout));
  args.push(String(body.Image ?? ''));
  return [...args, ...restOfCommand(body)];
}

/**
 * `--entrypoint` takes one word. A longer entrypoint (["sh", "-c"]) is its first word there
 * and the rest goes before the command: the process started is the same, though the
 * engine then records the words under Entrypoint and Cmd differently. An empty one
 * (`[]`, "reset the image's") is `--entrypoint ""`.
 */
function entrypointArgs(entrypoint: unknown, args: string[]): void {
  if (!Array.isArray(entrypoint)) return;
  args.push('--entrypoint', entrypoint.length > 0 ? String(entrypoint[0]) : '');
}

function restOfCommand(body: Body): string[] {
  const entrypointRest = Array.isArray(body.Entrypoint) ? body.Entrypoint.slice(1).map(String) : [];
  const cmd = Array.isArray(body.Cmd) ? body.Cmd.map(String) : [];
  return [...entrypointRest, ...cmd];
}

/** `-p [ip:][hostPort:]port[/proto]` per binding, `--expose` for exposed ports without one. */
function portArgs(exposed: Body | undefined, bindings: Body | undefined): string[] {
  const args: string[] = [];
  for (const [key, list] of Object.entries<{ HostIp?: string; HostPort?: string }[] | null>(bindings ?? {})) {
    const [port, proto] = key.split('/');
    const suffix = proto && proto !== 'tcp' ? `/${proto}` : '';
    for (const binding of list ?? []) {
      const ip = binding.HostIp ?? '';
      const hostPort = binding.HostPort ?? '';
      // An IPv6 address is bracketed, as the CLI's -p parser wants it.
      const ipPart = ip ? `${ip.includes(':') ? `[${ip}]` : ip}:` : '';
      args.push('-p', ip ? `${ipPart}${hostPort}:${port}${suffix}` : hostPort ? `${hostPort}:${port}${suffix}` : `${port}${suffix}`);
    }
  }
  for (const key of Object.keys(exposed ?? {})) {
    if (bindings && key in bindings) continue;
    const [port, proto] = key.split('/');
    args.push('--expose', proto && proto !== 'tcp' ? `${port}/${proto}` : port);
  }
  return args;
}

function mountArg(mount: Body): string {
  const parts = [`type=${mount.Type}`];
  if (mount.Source) parts.push(`source=${mount.Source}`);
  parts.push(`target=${mount.Target}`);
  if (mount.ReadOnly) parts.push('readonly');
  return parts.join(',');
}

/** NanoCpus as the decimal the CLI's --cpus takes (1500000000 → "1.5"). */
export function cpusOf(nanoCpus: number): string {
  return String(nanoCpus / 1e9);
}

/**
 * The `docker` command that makes a resource again from its inspect data: a container's
 * `docker run`, a network's and a volume's `create`. What the container inherited from
 * its image (env, labels, command, ports, volumes, workdir, user) is left out, so the line
 * holds what was asked for at its creation, the way a person would have typed it.
 */
import { createArgs } from './createArgs';
import { networkCreateArgs, volumeCreateArgs } from './dockerCommand';

/* eslint-disable @typescript-eslint/no-explicit-any -- inspect JSON, read field by field */
type Raw = Record<string, any>;

/** `docker run -d …` for a container (its raw inspect) created from an image (its raw inspect's Config; {} if the image is gone). */
export function runCommandFromInspect(container: Raw, imageConfig: Raw = {}): string[] {
  const config: Raw = container.Config ?? {};
  const host: Raw = container.HostConfig ?? {};
  const id = String(container.Id ?? '');
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const entrypointChanged = !same(config.Entrypoint, imageConfig.Entrypoint);
  const imageEnv = new Set<string>(imageConfig.Env ?? []);
  const imageLabels: Raw = imageConfig.Labels ?? {};
  const labels = Object.fromEntries(Object.entries<string>(config.Labels ?? {}).filter(([key, value]) => imageLabels[key] !== value));
  const imagePorts: Raw = imageConfig.ExposedPorts ?? {};
  const exposed = Object.fromEntries(Object.keys(config.ExposedPorts ?? {}).filter((key) => !(key in imagePorts)).map((key) => [key, {}]));
  const imageVolumes: Raw = imageConfig.Volumes ?? {};
  const volumes = Object.fromEntries(Object.keys(config.Volumes ?? {}).filter((key) => !(key in imageVolumes)).map((key) => [key, {}]));
  const env = (config.Env ?? []).filter((line: string) => !imageEnv.has(line));
  const network = String(host.NetworkMode ?? '');
  const aliases = (container.NetworkSettings?.Networks?.[network]?.Aliases ?? []).filter((alias: string) => !id.startsWith(alias));
  const restart = host.RestartPolicy?.Name && host.RestartPolicy.Name !== 'no' ? host.RestartPolicy : undefined;

  const body: Raw = {
    Image: config.Image,
    // An entrypoint set at creation resets the image's command: both are then stated.
    Entrypoint: entrypointChanged ? config.Entrypoint ?? [] : undefined,
    Cmd: entrypointChanged || !same(config.Cmd, imageConfig.Cmd) ? config.Cmd ?? undefined : undefined,
    Env: env,
    Labels: labels,
    ExposedPorts: exposed,
    Volumes: volumes,
    WorkingDir: config.WorkingDir !== (imageConfig.WorkingDir ?? '') ? config.WorkingDir : undefined,
    User: config.User !== (imageConfig.User ?? '') ? config.User : undefined,
    // The engine names a container's host after its id unless told otherwise.
    Hostname: config.Hostname && !id.startsWith(config.Hostname) ? config.Hostname : undefined,
    Tty: config.Tty,
    OpenStdin: config.OpenStdin,
    StopSignal: config.StopSignal && config.StopSignal !== (imageConfig.StopSignal ?? 'SIGTERM') ? config.StopSignal : undefined,
    StopTimeout: config.StopTimeout,
    HostConfig: {
      Binds: host.Binds, Mounts: host.Mounts, PortBindings: host.PortBindings, RestartPolicy: restart,
      NetworkMode: network === 'default' || network === 'bridge' ? undefined : network,
      Memory: host.Memory, NanoCpus: host.NanoCpus, CpuShares: host.CpuShares, ReadonlyRootfs: host.ReadonlyRootfs,
      Dns: host.Dns, ExtraHosts: host.ExtraHosts, AutoRemove: host.AutoRemove, Privileged: host.Privileged,
    },
    NetworkingConfig: aliases.length > 0 ? { EndpointsConfig: { [network]: { Aliases: aliases } } } : undefined,
  };
  const name = String(container.Name ?? '').replace(/^\//, '') || undefined;
  return ['docker', 'run', '-d', ...createArgs(body, name)];
}

/** `docker network create …` from a network's raw inspect. */
export function networkCommandFromInspect(network: Raw): string[] {
  return ['docker', ...networkCreateArgs({
    Name: network.Name, Driver: network.Driver, Internal: network.Internal, Attachable: network.Attachable, EnableIPv6: network.EnableIPv6,
    Options: network.Options, Labels: network.Labels, IPAM: network.IPAM,
  })];
}

/** `docker volume create …` from a volume's inspect (its Options are the driver options it was created with). */
export function volumeCommandFromInspect(volume: { name: string; driver: string; labels: Record<string, string>; options: Record<string, string> }): string[] {
  return ['docker', ...volumeCreateArgs({ Name: volume.name, Driver: volume.driver, Labels: volume.labels, DriverOpts: volume.options })];
}

/**
 * One line per common key, in Berth's words, for hover where the vendored schema has no
 * description (it describes few keys). Keyed by the path below a service (`build.target`)
 * or at the top level; a bare name is the fallback for any level.
 */
import * as l10n from '@vscode/l10n';

/** The line for a key (a path below a service, `build.target`, or a bare name), in the display language. */
export function keyDoc(key: string): string | undefined {
  switch (key) {
    case 'services': return l10n.t('The containers this project runs, one entry per service.');
    case 'networks': return l10n.t('Networks: at the top level the ones this project creates or uses; under a service, the ones it joins.');
    case 'volumes': return l10n.t('Volumes: at the top level the named volumes this project creates or uses; under a service, what it mounts (`name:/path`, `./host:/path`).');
    case 'secrets': return l10n.t('Secrets: at the top level where each comes from (`file`, `environment`); under a service, which ones it may read (in /run/secrets).');
    case 'configs': return l10n.t('Configs: at the top level where each comes from; under a service, which ones it mounts.');
    case 'name': return l10n.t('The project name; containers, networks and volumes are named after it.');
    case 'version': return l10n.t('Obsolete: current compose ignores it (and warns).');
    case 'include': return l10n.t('Other compose files whose services, networks and volumes this project includes.');
    case 'image': return l10n.t('The image to run (`name:tag`). With `build`, the name the built image gets.');
    case 'build': return l10n.t('Build the image from a Dockerfile: a context folder, or `context`, `dockerfile`, `target`, `args`.');
    case 'build.context': return l10n.t('The folder (or git URL) sent to the builder; relative to the compose file.');
    case 'build.dockerfile': return l10n.t('The Dockerfile, relative to the context (default `Dockerfile`).');
    case 'build.target': return l10n.t('The Dockerfile stage to build (`FROM ... AS name`); the build stops there.');
    case 'build.args': return l10n.t('Build arguments (`ARG`) and their values.');
    case 'command': return l10n.t('Overrides the image\'s CMD.');
    case 'entrypoint': return l10n.t('Overrides the image\'s ENTRYPOINT.');
    case 'container_name': return l10n.t('A fixed container name instead of `project-service-1`; the service then cannot scale.');
    case 'depends_on': return l10n.t('Services to start first; with `condition: service_healthy` compose waits for their health check.');
    case 'environment': return l10n.t('Environment variables of the container (`KEY: value` or `KEY=value`).');
    case 'env_file': return l10n.t('Files of `KEY=value` lines added to the container\'s environment.');
    case 'expose': return l10n.t('Ports other containers may reach; nothing is published on the host.');
    case 'ports': return l10n.t('Ports published on the host: `HOST:CONTAINER`, `IP:HOST:CONTAINER`, ranges, `/udp`.');
    case 'extends': return l10n.t('Start from another service\'s definition (in this file or `file`) and override parts.');
    case 'healthcheck': return l10n.t('How the engine checks the container is healthy: `test`, `interval`, `timeout`, `retries`, `start_period`.');
    case 'hostname': return l10n.t('The container\'s host name.');
    case 'labels': return l10n.t('Metadata on the container.');
    case 'links': return l10n.t('Legacy: another service reachable by an alias. Services on a shared network reach each other by name anyway.');
    case 'logging': return l10n.t('The log driver and its options.');
    case 'network_mode': return l10n.t('`bridge`, `host`, `none`, `service:NAME` or `container:NAME`; excludes `networks`.');
    case 'profiles': return l10n.t('The service starts only when one of these profiles is enabled (`--profile`).');
    case 'restart': return l10n.t('When the engine restarts the container: `no`, `always`, `on-failure[:N]`, `unless-stopped`.');
    case 'user': return l10n.t('The user (and group) the process runs as.');
    case 'working_dir': return l10n.t('The working directory of the process.');
    case 'volumes_from': return l10n.t('Mount every volume of another service (`service:NAME`) or container (`container:NAME`).');
    case 'deploy': return l10n.t('Replicas, resources, restart and update policy.');
    case 'develop': return l10n.t('Development settings: `watch` rules that sync, rebuild or restart the service when files change.');
    case 'pull_policy': return l10n.t('When to pull the image: `always`, `never`, `missing`, `build`.');
    case 'platform': return l10n.t('The platform to run (and build) for, as `os/arch[/variant]`.');
    case 'privileged': return l10n.t('Run with every capability and device: avoid unless needed.');
    case 'stop_grace_period': return l10n.t('How long to wait after the stop signal before killing.');
    case 'tty': return l10n.t('Allocate a terminal.');
    case 'stdin_open': return l10n.t('Keep stdin open.');
    case 'networks.aliases': return l10n.t('Other names this service answers to on that network.');
    case 'external': return l10n.t('Created outside this project: compose uses it and never creates or removes it.');
    case 'driver': return l10n.t('The driver that creates it.');
    case 'file': return l10n.t('The file its content comes from, relative to the compose file.');
    default: return undefined;
  }
}

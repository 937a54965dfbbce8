/**
 * Terminal commands: shells, exec, logs, attach, run -it, stats, top. From the tree they
 * get the item (a container or image record); from the palette they ask with a quick
 * pick. Tests pass the same records, or a request object for what would be asked
 * (`{ container, command }`, `{ image, cmd, autoRemove }`). Each returns its session.
 * No vscode import here (the command table loads in plain Node for the manifest test):
 * the questions come from the terminals' prompts, the terminals from the services record.
 */
import * as l10n from '@vscode/l10n';
import type { ContainerState, ContainerSummary, Engine, ImageSummary } from '../engine';
import { splitArgv } from '../terminals/argv';
import { ExecAs, normalExecAs } from '../terminals/execAs';
import { validateContainerDirectory, validateExecUser } from '../engine/validate';
import type { ContainerRef, LogsOptions } from '../terminals';
import type { Services } from '../services';
import { currentEngineOnly } from './explorerSupport';
import type { CommandHandlers } from './handler';

const composeProject = 'com.docker.compose.project';
const composeService = 'com.docker.compose.service';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function pickContainer(services: Services, states: readonly ContainerState[] | undefined, placeHolder: string): Promise<ContainerSummary | undefined> {
  const all = await services.context.engine.listContainers({ all: true });
  const candidates = states ? all.filter((c) => states.includes(c.state)) : all;
  if (candidates.length === 0) {
    services.terminals.prompts.info(!states ? l10n.t('No containers.') : states.length === 1 && states[0] === 'running' ? l10n.t('No running containers.') : l10n.t('No containers in the state {0}.', states.join(', ')));
    return undefined;
  }
  return services.terminals.prompts.container(candidates, placeHolder);
}

/** A container from what a menu or a test passes: a tree node ({ kind: 'container', container }) or a container record. */
export function containerRefOf(item: unknown): ContainerRef | undefined {
  if (isRecord(item) && item.kind === 'container' && isRecord(item.container)) item = item.container;
  if (isRecord(item) && typeof item.id === 'string') return { id: item.id, name: typeof item.name === 'string' ? item.name : item.id.slice(0, 12) };
  return undefined;
}

/** An image reference from a tree node ({ kind: 'image', image, reference }), an image record, or a request ({ image }). */
export function imageRefOf(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  if (!isRecord(item)) return undefined;
  if (typeof item.image === 'string') return item.image;
  if (item.kind === 'image' && typeof item.reference === 'string') return item.reference;
  const image = (item.kind === 'image' && isRecord(item.image) ? item.image : item) as Partial<ImageSummary>;
  if (!Array.isArray(image.repoTags)) return undefined;
  return image.repoTags[0] ?? image.repoDigests?.[0] ?? image.id;
}

/** A compose project from a group node ({ kind: 'containerGroup', by: 'composeProject', key }), a container of it, or { project }. */
export function composeProjectOf(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  if (!isRecord(item)) return undefined;
  if (typeof item.project === 'string') return item.project;
  if (item.kind === 'containerGroup' && item.by === 'composeProject' && typeof item.key === 'string') return item.key;
  const container = item.kind === 'container' && isRecord(item.container) ? item.container : item;
  return isRecord(container.labels) && typeof container.labels[composeProject] === 'string' ? container.labels[composeProject] : undefined;
}

/** The container a command acts on: what the menu passed, an id or name, or the user's pick. */
export async function containerArg(services: Services, item: unknown, states: readonly ContainerState[] | undefined, placeHolder: string): Promise<ContainerRef | undefined> {
  const ref = containerRefOf(item);
  // A container of a pinned engine's group opens its terminal on that engine.
  if (ref) return { ...ref, engine: services.engines.sessions.sessionOf(item).engine };
  if (typeof item === 'string') {
    const found = (await services.context.engine.listContainers({ all: true })).find((c) => c.id === item || c.id.startsWith(item) || c.name === item);
    if (!found) throw new Error(l10n.t('No container {0}.', item));
    return { id: found.id, name: found.name };
  }
  return pickContainer(services, states, placeHolder);
}

async function imageArg(services: Services, item: unknown): Promise<string | undefined> {
  const ref = imageRefOf(item);
  if (ref) return ref;
  return services.terminals.prompts.image(await services.context.engine.listImages(), l10n.t('Image to run interactively'));
}

function argvOf(command: unknown): string[] {
  if (Array.isArray(command)) return command.map(String);
  if (typeof command === 'string') return splitArgv(command);
  throw new Error(l10n.t('The command must be a string or an argv array.'));
}

/** `{ user, workdir }` of a request from a test or another extension, checked the way the input boxes check them. */
function execAsOf(request: Record<string, unknown>): ExecAs {
  const user = typeof request.user === 'string' ? request.user : undefined;
  const workdir = typeof request.workdir === 'string' ? request.workdir : undefined;
  const problem = (user?.trim() ? validateExecUser(user) : undefined) ?? (workdir?.trim() ? validateContainerDirectory(workdir) : undefined);
  if (problem) throw new Error(problem);
  return normalExecAs({ user, workdir });
}

const running: ContainerState[] = ['running'];

export function terminalCommands(services: Services): CommandHandlers {
  const { terminals } = services;
  return {
    'berth.containers.attachShell': async (item) => {
      const container = await containerArg(services, item, running, l10n.t('Container to open a shell in'));
      return container && terminals.shell(container);
    },
    'berth.containers.attachShellAs': async (item) => {
      const container = await containerArg(services, item, running, l10n.t('Container to open a shell in'));
      const as = container && (await terminals.askExecAs(container));
      return container && as && terminals.shell(container, as);
    },
    'berth.containers.exec': async (item) => {
      const request = isRecord(item) && 'container' in item ? item : undefined;
      const container = await containerArg(services, request ? request.container : item, running, l10n.t('Container to run a command in'));
      if (!container) return undefined;
      const argv = request && 'command' in request ? argvOf(request.command) : await terminals.prompts.argv(l10n.t('Command to run in {0}', container.name), l10n.t('e.g. redis-cli, ls -la /app'), false);
      if (!argv || argv.length === 0) return undefined;
      // A request says everything (its user and folder, if any); a person is asked, with last time's answers offered.
      const as = request && 'command' in request ? execAsOf(request) : await terminals.askExecAs(container);
      return as && terminals.exec(container, argv, as);
    },
    'berth.containers.viewLogs': async (item) => {
      const request = isRecord(item) && 'container' in item ? item : undefined;
      const container = await containerArg(services, request ? request.container : item, undefined, l10n.t('Container whose logs to follow'));
      return container && terminals.logs([container], (request ?? {}) as LogsOptions);
    },
    'berth.containers.openLogs': async (item) => {
      currentEngineOnly(services, item, l10n.t('Open Logs as Document'));
      const container = await containerArg(services, item, undefined, l10n.t('Container whose logs to open as a document'));
      return container && terminals.logsDocument(container);
    },
    'berth.containers.attach': async (item) => {
      const container = await containerArg(services, item, running, l10n.t('Container to attach to'));
      return container && terminals.attach(container);
    },
    'berth.containers.startAttach': async (item) => {
      const container = await containerArg(services, item, ['created', 'exited'], l10n.t('Container to start attached (docker start -a)'));
      return container && terminals.attach(container, { start: true });
    },
    'berth.containers.stats': async (item) => {
      const container = await containerArg(services, item, running, l10n.t('Container whose stats to show'));
      return container && terminals.stats(container);
    },
    'berth.containers.statsAll': () => terminals.stats(),
    'berth.containers.top': async (item) => {
      const container = await containerArg(services, item, running, l10n.t('Container whose processes to list'));
      return container && terminals.top(container);
    },
    'berth.images.runInteractive': async (item) => {
      currentEngineOnly(services, item, l10n.t('Run Interactive'));
      const image = await imageArg(services, item);
      if (!image) return undefined;
      const request = isRecord(item) && typeof item.image === 'string' ? item : {};
      const cmd = 'cmd' in request ? (request.cmd === undefined ? undefined : argvOf(request.cmd)) : await terminals.prompts.argv(l10n.t('Command to run in {0} (empty: the image\'s own)', image), l10n.t('e.g. sh'), true);
      if (cmd === undefined && !('cmd' in request)) return undefined;
      let autoRemove = typeof request.autoRemove === 'boolean' ? request.autoRemove : undefined;
      if (autoRemove === undefined) {
        const remove = { label: l10n.t('Remove the container when the session ends'), description: '--rm', remove: true };
        const keep = { label: l10n.t('Keep the container'), remove: false };
        const picked = await terminals.prompts.one(services.context.config['run.autoRemove'] ? [remove, keep] : [keep, remove], l10n.t('Run {0} interactively', image));
        if (!picked) return undefined;
        autoRemove = picked.remove;
      }
      return terminals.run({ image, cmd: cmd && cmd.length > 0 ? cmd : undefined, autoRemove });
    },
    'berth.containerGroup.viewLogs': async (item) => {
      const group = await composeGroupArg(services, item, l10n.t('Compose project whose logs to follow'));
      return group && terminals.logs(group.targets, {}, l10n.t('Logs: {0}', group.project));
    },
  };
}

/** A compose project's containers (each with its service) from a group node, a container of it, { project }, or the user's pick. */
export async function composeGroupArg(services: Services, item: unknown, placeHolder: string): Promise<{ project: string; targets: { id: string; name: string; service: string; engine: Engine }[] } | undefined> {
  const { prompts } = services.terminals;
  // A compose project in a pinned engine's group: that engine's containers.
  const engine = services.engines.sessions.sessionOf(item).engine;
  const all = await engine.listContainers({ all: true });
  let project = composeProjectOf(item);
  if (project === undefined) {
    const projects = [...new Set(all.map((c) => c.labels[composeProject]).filter((p): p is string => Boolean(p)))].sort();
    if (projects.length === 0) {
      prompts.info(l10n.t('No compose projects among the containers.'));
      return undefined;
    }
    project = (await prompts.one(projects.map((label) => ({ label })), placeHolder))?.label;
  }
  if (!project) return undefined;
  const members = all.filter((c) => c.labels[composeProject] === project);
  if (members.length === 0) throw new Error(l10n.t('No containers in the compose project {0}.', project));
  return { project, targets: members.map((c) => ({ id: c.id, name: c.name, service: c.labels[composeService] ?? c.name, engine })) };
}

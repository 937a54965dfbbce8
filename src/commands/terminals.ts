/**
 * Terminal commands: shells, exec, logs, attach, run -it, stats, top. From the tree they
 * get the item (a container or image record); from the palette they ask with a quick
 * pick. Tests pass the same records, or a request object for what would be asked
 * (`{ container, command }`, `{ image, cmd, autoRemove }`). Each returns its session.
 * No vscode import here (the command table loads in plain Node for the manifest test):
 * the questions come from the terminals' prompts.
 */
import type { ContainerState, ContainerSummary, ImageSummary } from '../engine/types';
import { splitArgv } from '../terminals/argv';
import type { ContainerRef, LogsOptions } from '../terminals';
import { terminalsFor } from '../terminals/registry';
import type { CommandDeps, CommandHandler } from './table';

const composeProject = 'com.docker.compose.project';
const composeService = 'com.docker.compose.service';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function pickContainer(deps: CommandDeps, states: readonly ContainerState[] | undefined, placeHolder: string): Promise<ContainerSummary | undefined> {
  const all = await deps.ctx.engine.listContainers({ all: true });
  const candidates = states ? all.filter((c) => states.includes(c.state)) : all;
  if (candidates.length === 0) {
    terminalsFor(deps.ctx).prompts.info(states ? `No ${states.join(' or ')} containers.` : 'No containers.');
    return undefined;
  }
  return terminalsFor(deps.ctx).prompts.container(candidates, placeHolder);
}

/** The container a command acts on: the tree item, an id or name, or the user's pick. */
async function containerArg(deps: CommandDeps, item: unknown, states: readonly ContainerState[] | undefined, placeHolder: string): Promise<ContainerRef | undefined> {
  if (isRecord(item) && typeof item.id === 'string') {
    return { id: item.id, name: typeof item.name === 'string' ? item.name : item.id.slice(0, 12) };
  }
  if (typeof item === 'string') {
    const found = (await deps.ctx.engine.listContainers({ all: true })).find((c) => c.id === item || c.id.startsWith(item) || c.name === item);
    if (!found) throw new Error(`No container ${item}.`);
    return { id: found.id, name: found.name };
  }
  return pickContainer(deps, states, placeHolder);
}

async function imageArg(deps: CommandDeps, item: unknown): Promise<string | undefined> {
  if (typeof item === 'string') return item;
  if (isRecord(item) && typeof item.image === 'string') return item.image;
  if (isRecord(item) && Array.isArray(item.repoTags)) {
    const image = item as unknown as ImageSummary;
    return image.repoTags[0] ?? image.id;
  }
  return terminalsFor(deps.ctx).prompts.image(await deps.ctx.engine.listImages(), 'Image to run interactively');
}

function argvOf(command: unknown): string[] {
  if (Array.isArray(command)) return command.map(String);
  if (typeof command === 'string') return splitArgv(command);
  throw new Error('The command must be a string or an argv array.');
}

const running: ContainerState[] = ['running'];

export function terminalCommands(deps: CommandDeps): Record<string, CommandHandler> {
  const terminals = () => terminalsFor(deps.ctx);
  return {
    'berth.container.attachShell': async (item) => {
      const container = await containerArg(deps, item, running, 'Container to open a shell in');
      return container && terminals().shell(container);
    },
    'berth.container.exec': async (item) => {
      const request = isRecord(item) && 'container' in item ? item : undefined;
      const container = await containerArg(deps, request ? request.container : item, running, 'Container to run a command in');
      if (!container) return undefined;
      const argv = request && 'command' in request ? argvOf(request.command) : await terminals().prompts.argv(`Command to run in ${container.name}`, 'e.g. redis-cli, ls -la /app', false);
      return argv && argv.length > 0 ? terminals().exec(container, argv) : undefined;
    },
    'berth.container.viewLogs': async (item) => {
      const request = isRecord(item) && 'container' in item ? item : undefined;
      const container = await containerArg(deps, request ? request.container : item, undefined, 'Container whose logs to follow');
      return container && terminals().logs([container], (request ?? {}) as LogsOptions);
    },
    'berth.container.openLogs': async (item) => {
      const container = await containerArg(deps, item, undefined, 'Container whose logs to open as a document');
      return container && terminals().logsDocument(container);
    },
    'berth.container.attach': async (item) => {
      const container = await containerArg(deps, item, running, 'Container to attach to');
      return container && terminals().attach(container);
    },
    'berth.container.stats': async (item) => {
      const container = await containerArg(deps, item, running, 'Container whose stats to show');
      return container && terminals().stats(container);
    },
    'berth.container.statsAll': () => terminals().stats(),
    'berth.container.top': async (item) => {
      const container = await containerArg(deps, item, running, 'Container whose processes to list');
      return container && terminals().top(container);
    },
    'berth.image.runInteractive': async (item) => {
      const image = await imageArg(deps, item);
      if (!image) return undefined;
      const request = isRecord(item) && typeof item.image === 'string' ? item : {};
      const cmd = 'cmd' in request ? (request.cmd === undefined ? undefined : argvOf(request.cmd)) : await terminals().prompts.argv(`Command to run in ${image} (empty: the image's own)`, 'e.g. sh', true);
      if (cmd === undefined && !('cmd' in request)) return undefined;
      let autoRemove = typeof request.autoRemove === 'boolean' ? request.autoRemove : undefined;
      if (autoRemove === undefined) {
        const remove = { label: 'Remove the container when the session ends', description: '--rm', remove: true };
        const keep = { label: 'Keep the container', remove: false };
        const picked = await terminals().prompts.one(deps.ctx.config['run.autoRemove'] ? [remove, keep] : [keep, remove], `Run ${image} interactively`);
        if (!picked) return undefined;
        autoRemove = picked.remove;
      }
      return terminals().run({ image, cmd: cmd && cmd.length > 0 ? cmd : undefined, autoRemove });
    },
    'berth.compose.viewLogs': async (item) => {
      const all = await deps.ctx.engine.listContainers({ all: true });
      let project: string | undefined;
      if (typeof item === 'string') project = item;
      else if (isRecord(item) && typeof item.project === 'string') project = item.project;
      else if (isRecord(item) && isRecord(item.labels) && typeof item.labels[composeProject] === 'string') project = item.labels[composeProject] as string;
      else {
        const projects = [...new Set(all.map((c) => c.labels[composeProject]).filter((p): p is string => Boolean(p)))].sort();
        if (projects.length === 0) {
          terminals().prompts.info('No compose projects among the containers.');
          return undefined;
        }
        project = (await terminals().prompts.one(projects.map((label) => ({ label })), 'Compose project whose logs to follow'))?.label;
      }
      if (!project) return undefined;
      const members = all.filter((c) => c.labels[composeProject] === project);
      if (members.length === 0) throw new Error(`No containers in the compose project ${project}.`);
      const targets = members.map((c) => ({ id: c.id, name: c.name, service: c.labels[composeService] ?? c.name }));
      return terminals().logs(targets, {}, `Logs: ${project}`);
    },
  };
}

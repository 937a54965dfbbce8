/** Run… and Create… on an image: the run form, then a berth-run task, a create, or a saved task. */
import * as vscode from 'vscode';
import { runContainer } from '../tasks/work';
import { FormAction, initialOptions, InUse, runForm } from '../run/form';
import { RunMemory } from '../run/memory';
import { checkImage, checkRunOptions, RunOptions } from '../run/options';
import { currentEngineOnly } from './explorerSupport';
import { pickImage } from './imageArg';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';
import { describeError } from '../errorText';

/** Appends a berth-run task to the folder's tasks.json (through the configuration API, so comments and other tasks stay). */
export async function saveRunTask(options: RunOptions, label: string, folder: vscode.WorkspaceFolder): Promise<void> {
  const config = vscode.workspace.getConfiguration('tasks', folder.uri);
  const tasks = [...(config.get<Record<string, unknown>[]>('tasks') ?? [])].filter((t) => t.label !== label);
  const clean = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
  tasks.push({ type: 'berth-run', label, ...clean, problemMatcher: [] });
  if (!config.get('version')) await config.update('version', '2.0.0', vscode.ConfigurationTarget.WorkspaceFolder);
  await config.update('tasks', tasks, vscode.ConfigurationTarget.WorkspaceFolder);
}

/** Names and published host ports of the engine's containers (any state: a stopped one still holds its name and, on start, its ports). */
async function containersInUse(services: Services): Promise<InUse> {
  const containers = await services.context.engine.containers.list({ all: true }).catch(() => []);
  return {
    names: new Set(containers.map((c) => c.name)),
    hostPorts: new Set(containers.flatMap((c) => c.ports.flatMap((p) => (p.publicPort ? [`${p.publicPort}/${p.type}`] : [])))),
  };
}

async function openForm(services: Services, item: unknown, mode: 'run' | 'create'): Promise<unknown> {
  const { prompts } = services;
  currentEngineOnly(services, item, mode === 'run' ? vscode.l10n.t('Run…') : vscode.l10n.t('Create…'));
  const image = await pickImage(services.context, prompts, item, mode === 'run' ? vscode.l10n.t('Run Image') : vscode.l10n.t('Create Container'));
  if (!image) return undefined;
  // An image handed in as text is checked before the form opens, not after it was filled in.
  const imageProblem = checkImage(image);
  if (imageProblem) throw new Error(imageProblem);
  const memory = new RunMemory(services.context.extension.globalState);
  const exposed = await services.context.engine.images.inspect(image).then((d) => d.config.exposedPorts, () => []);
  const folder = vscode.workspace.workspaceFolders?.[0];
  const result = await runForm(initialOptions(image, exposed, memory.get(image), await containersInUse(services)), {
    prompts,
    networks: async () => (await services.context.engine.networks.list()).map((n) => n.name),
    defaultFolder: folder?.uri.fsPath,
    pickFolder: async (title) => (await prompts.folder({ title, defaultUri: folder?.uri }))?.fsPath,
  }, mode);
  if (!result) return undefined;
  const networks = (await services.context.engine.networks.list().catch(() => [])).map((n) => n.name);
  const problems = checkRunOptions(result.options, networks);
  if (problems.length > 0) throw new Error(problems[0]);
  await memory.remember(result.options);
  return act(services, result.action, result.options, folder);
}

async function act(services: Services, action: FormAction, options: RunOptions, folder: vscode.WorkspaceFolder | undefined): Promise<unknown> {
  if (action === 'saveTask') {
    if (!folder) throw new Error(vscode.l10n.t('Open a folder first: a task is saved in the folder\'s .vscode/tasks.json.'));
    const label = await services.prompts.input({ title: vscode.l10n.t('Save as Task: label'), value: `run ${options.name ?? options.image}`, validate: (v) => (v.trim() ? undefined : vscode.l10n.t('The task label is empty.')) });
    if (label === undefined) return undefined;
    await saveRunTask(options, label.trim(), folder);
    void vscode.window.showInformationMessage(vscode.l10n.t('Saved the task "{0}" in tasks.json. Run it with Tasks: Run Task.', label.trim()));
    return { saved: label.trim() };
  }
  if (action === 'create') {
    const lines: string[] = [];
    const out = { write: (t: string) => lines.push(t), line: (t: string) => lines.push(t), status: () => undefined, onInput: () => ({ dispose: () => undefined }), onResize: () => ({ dispose: () => undefined }), dimensions: undefined };
    const id = await runContainer(services.context.engine, options, out, new AbortController().signal, true, folder?.uri.fsPath);
    const message = vscode.l10n.t('Created container {0} from {1}; it is not started.', options.name ?? id.slice(0, 12), options.image);
    services.context.log.info(message);
    void services.views.refreshAll();
    // Start and Attach is `docker start -a`: a short-lived container's output is not missed.
    const [start, startAttach] = [vscode.l10n.t('Start'), vscode.l10n.t('Start and Attach')];
    void vscode.window.showInformationMessage(message, start, startAttach).then((choice) => {
      if (choice === startAttach) void vscode.commands.executeCommand('berth.containers.startAttach', id);
      else if (choice === start) services.context.engine.containers.start(id).catch((error: unknown) => void vscode.window.showErrorMessage(describeError(error)));
    });
    return { ok: true, value: id, output: lines.join('\n'), message };
  }
  const result = await services.tasks.runTask({ type: 'berth-run', ...options }, folder);
  void services.views.refreshAll();
  return result;
}

export function runHandlers(services: Services): CommandHandlers {
  return {
    'berth.images.run': (item) => openForm(services, item, 'run'),
    'berth.images.create': (item) => openForm(services, item, 'create'),
  };
}

/**
 * Compose: projects found in the workspace, the Compose view, code lenses and diagnostics
 * in compose files, and the berth-compose task that runs the user's compose tool against
 * the engine Berth is connected to. Returns the service the compose commands use.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthContext } from '../context';
import type { EngineStores } from '../state';
import { itemsOf } from '../state/store';
import { executeForResult } from '../tasks/execute';
import { TaskTerminal } from '../tasks/terminal';
import { checkRequest, composeRuns, ComposeRequest, requestLabel } from './argv';
import { ComposeLenses, composeSelector } from './codeLens';
import { ComposeProjects } from './discovery';
import { EnvFileChoices } from './envFiles';
import type { ComposeProject } from './items';
import { composeModelBundle, lazyParser } from './load';
import { runCompose, processProbe } from './run';
import { ComposeTaskDefinition, composeTaskType, definitionFor, filesOfDefinition } from './task';
import { ComposeTool, detectTool, noToolMessage, ToolChoice, toolEnvironment } from './tool';
import { ComposeTree } from './view';

/** Documents of the resolved configuration (`compose config`). */
export const configScheme = 'berth-compose';

export interface ComposeResult {
  ok: boolean;
  output: string;
}

export interface Compose {
  projects: ComposeProjects;
  /** The env file chosen per project (`--env-file`). */
  envFiles: EnvFileChoices;
  tree: ComposeTree;
  view: vscode.TreeView<unknown>;
  /** The tool in use (detected once per setting value; looked for again while none is found). */
  tool(): Promise<ComposeTool>;
  /** Runs a request on a project as a berth-compose task and resolves when it ends. */
  run(project: ComposeProject, request: ComposeRequest): Promise<ComposeResult>;
  /** What `config` prints for the project (the tool's resolved configuration). */
  resolvedConfig(project: ComposeProject): Promise<string>;
  /** Opens the resolved configuration as a read-only YAML document. */
  showConfig(project: ComposeProject): Promise<vscode.TextEditor>;
  /** Fires with each task's result (tests read output here). */
  readonly onDidFinish: vscode.Event<{ label: string; result: ComposeResult }>;
}

export function registerCompose(ctx: BerthContext, stores: EngineStores): Compose {
  const parse = lazyParser(ctx.extension.asAbsolutePath(composeModelBundle));
  const envFiles = new EnvFileChoices(ctx.extension.workspaceState);
  const projects = new ComposeProjects(parse, (dir) => envFiles.of(dir));
  const tree = new ComposeTree(projects, () => itemsOf(stores.containers), (listener) => stores.containers.onDidChange(listener));
  const view = vscode.window.createTreeView('berth.compose', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const finished = new vscode.EventEmitter<{ label: string; result: ComposeResult }>();

  let detected: { choice: ToolChoice; tool: Promise<ComposeTool | undefined> } | undefined;
  const tool = async (): Promise<ComposeTool> => {
    const choice = ctx.config['compose.tool'];
    if (!detected || detected.choice !== choice) detected = { choice, tool: detectTool(choice, processProbe) };
    const found = await detected.tool;
    if (!found) {
      detected = undefined;
      throw new Error(noToolMessage(choice, process.platform));
    }
    return found;
  };
  const logged = new Set<string>();
  const toolLogged = async (): Promise<ComposeTool> => {
    const found = await tool();
    const line = `Compose tool: ${found.command.join(' ')} ${found.version}${ctx.config['compose.tool'] === 'auto' ? ' (found)' : ' (berth.compose.tool)'}.`;
    if (!logged.has(line)) {
      logged.add(line);
      ctx.log.info(line);
    }
    return found;
  };

  /** Runs every argv of one request in a task terminal; profiles and services come from the files' current text. */
  const workFor = (definition: ComposeTaskDefinition, folder: string) => async (out: TaskTerminal, signal: AbortSignal): Promise<void> => {
    const files = filesOfDefinition(definition, folder);
    const project = await projects.read(files);
    const problem = checkRequest(definition, { services: project.services.map((s) => s.name), profiles: project.profiles });
    if (problem) throw new Error(problem);
    const found = await toolLogged();
    const env = toolEnvironment(ctx.engine.endpoint, process.env);
    const serviceProfiles = (name: string) => project.services.find((s) => s.name === name)?.profiles ?? [];
    for (const args of composeRuns(files, definition, project.profiles, serviceProfiles)) {
      out.line(`\x1b[2m$ ${[...found.command, ...args].join(' ')}\x1b[0m`);
      await runCompose(found, args, { cwd: files.dir, env, signal, onOutput: (text) => out.write(text) });
    }
  };

  const folderPath = (scope: vscode.WorkspaceFolder | vscode.TaskScope | undefined): string =>
    typeof scope === 'object' ? scope.uri.fsPath : (vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd());

  const toTask = (definition: ComposeTaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope, name?: string, onResult?: (result: ComposeResult) => void): vscode.Task => {
    const label = name ?? requestLabel(definition.projectName ?? path.basename(path.dirname(definition.files?.[0] ?? '.')), definition);
    const task = new vscode.Task(definition, scope, label, 'berth', new vscode.CustomExecution(async (resolved) => {
      const terminal: TaskTerminal = new TaskTerminal(`Berth: ${label}`, (_out, signal) => workFor(resolved as ComposeTaskDefinition, folderPath(scope))(terminal, signal), (ok, output) => {
        const result = { ok, output };
        finished.fire({ label, result });
        onResult?.(result);
      });
      return terminal;
    }), []);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
    return task;
  };

  const run = async (project: ComposeProject, request: ComposeRequest): Promise<ComposeResult> => {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(project.files.dir));
    const current = await projects.check(project);
    const problem = checkRequest(request, { services: current.services.map((s) => s.name), profiles: current.profiles });
    if (problem) throw new Error(problem);
    if (request.action === 'up' && current.problems.length > 0) {
      const first = current.problems[0];
      const [file, line, message] = [path.basename(first.file), first.problems[0].start.line + 1, first.problems[0].message];
      throw new Error(first.problems.length === 1 && current.problems.length === 1
        ? vscode.l10n.t('{0} does not parse (line {1}: {2}), so Up was not attempted; the Problems view lists it.', file, line, message)
        : vscode.l10n.t('{0} does not parse (line {1}: {2}), so Up was not attempted; the Problems view lists every error.', file, line, message));
    }
    // Before the task starts, so a missing tool or engine is one notification, not a failed task.
    await toolLogged();
    toolEnvironment(ctx.engine.endpoint, process.env);
    const definition = definitionFor(project.files, request, folder?.uri.fsPath);
    return executeForResult<ComposeResult>((report) => toTask(definition, folder ?? vscode.TaskScope.Workspace, undefined, report));
  };

  const resolvedConfig = async (project: ComposeProject): Promise<string> => {
    const found = await toolLogged();
    const env = toolEnvironment(ctx.engine.endpoint, process.env);
    const [args] = composeRuns(project.files, { action: 'config' }, project.profiles);
    return runCompose(found, args, { cwd: project.files.dir, env });
  };

  // Read-only: a content provider's documents cannot be saved; the query names the project's folder.
  const configDocuments = new vscode.EventEmitter<vscode.Uri>();
  const configProvider: vscode.TextDocumentContentProvider = {
    onDidChange: configDocuments.event,
    provideTextDocumentContent: async (uri) => {
      const dir = decodeURIComponent(uri.query);
      const project = projects.projects.find((p) => p.files.dir === dir);
      if (!project) throw new Error(vscode.l10n.t('No compose project in {0} any more.', dir));
      return resolvedConfig(project);
    },
  };
  const showConfig = async (project: ComposeProject): Promise<vscode.TextEditor> => {
    const uri = vscode.Uri.from({ scheme: configScheme, path: `/${project.files.name}.resolved.yaml`, query: encodeURIComponent(project.files.dir) });
    // Fails here, with the tool's sentence, rather than as an empty document.
    await resolvedConfig(project);
    configDocuments.fire(uri);
    return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  };

  // The view says when there is no compose tool, checked only once someone looks at it (three
  // process spawns at most), and again when berth.compose.tool changes.
  const sayWhetherToolFound = (): void => {
    if (!view.visible) return;
    tool().then(() => (view.message = undefined), (error: unknown) => (view.message = error instanceof Error ? error.message : String(error)));
  };

  ctx.extension.subscriptions.push(
    view.onDidChangeVisibility(sayWhetherToolFound),
    // Registered after BerthContext's own listener, so ctx.config already holds the new value.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('berth.compose.tool')) sayWhetherToolFound();
    }),
    projects, tree, view, finished, configDocuments,
    vscode.workspace.registerTextDocumentContentProvider(configScheme, configProvider),
    vscode.languages.registerCodeLensProvider(composeSelector(), new ComposeLenses(parse)),
    vscode.tasks.registerTaskProvider(composeTaskType, {
      provideTasks: () => [],
      resolveTask: (task) => {
        const definition = task.definition as ComposeTaskDefinition;
        if (definition.type !== composeTaskType) return undefined;
        // Reuse task.definition so VS Code matches the resolved task to the one in tasks.json.
        return toTask(definition, task.scope ?? vscode.TaskScope.Workspace, task.name);
      },
    }),
  );
  void projects.scan();
  return { projects, envFiles, tree, view: view as vscode.TreeView<unknown>, tool, run, resolvedConfig, showConfig, onDidFinish: finished.event };
}

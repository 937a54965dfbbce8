/**
 * The berth-build, berth-tag, berth-push and berth-run tasks: a TaskProvider whose
 * tasks run through CustomExecution in a TaskTerminal (no shell strings), plus the
 * build diagnostics. `runTask` lets commands start a task and await its result.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthContext } from '../context';
import { echoingCommands } from '../dockerCommand/taskEcho';
import type { Credentials } from '../registries/credentials';
import { BerthTaskDefinition, BuildTaskDefinition, RunTaskDefinition, taskLabel, taskTypes } from './definitions';
import { defaultTag } from './dockerfile';
import { executeForResult } from './execute';
import { TaskTerminal, TaskWork } from './terminal';
import { BuildFailure, resolveBuild, runBuild, runContainer, runPush, runTag } from './work';

export interface TaskResult {
  ok: boolean;
  /** What the task terminal showed. */
  output: string;
  /** The built image id or the started container id, when there is one. */
  value?: string;
}

export interface Tasks {
  /** Starts a task for this definition and resolves when it ends. */
  runTask(definition: BerthTaskDefinition, folder?: vscode.WorkspaceFolder): Promise<TaskResult>;
  readonly diagnostics: vscode.DiagnosticCollection;
  /** Fires with each task's result (tests read output from here). */
  readonly onDidFinish: vscode.Event<{ label: string; result: TaskResult }>;
}

/** Registers the berth-* task providers; builds and pushes authenticate with `credentials` (src/registries). */
export function registerTasks(ctx: BerthContext, credentials: Credentials): Tasks {
  const diagnostics = vscode.languages.createDiagnosticCollection('berth-build');
  const finished = new vscode.EventEmitter<{ label: string; result: TaskResult }>();

  const showFailure = (dockerfile: string, failure: BuildFailure | undefined): void => {
    const uri = vscode.Uri.file(dockerfile);
    if (!failure) {
      diagnostics.delete(uri);
      return;
    }
    const range = new vscode.Range(failure.startLine, 0, failure.endLine, Number.MAX_SAFE_INTEGER);
    const diagnostic = new vscode.Diagnostic(range, failure.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'berth build';
    diagnostics.set(uri, [diagnostic]);
  };

  const workFor = (definition: BerthTaskDefinition, folder: string): { work: TaskWork; value: { current?: string } } => {
    const value: { current?: string } = {};
    const engine = (): typeof ctx.engine => ctx.engine;
    switch (definition.type) {
      case 'berth-build': {
        const build = resolveBuild(definition, folder);
        return { value, work: async (out, signal) => {
          value.current = await runBuild(engine(), credentials, build, out, signal, (failure) => showFailure(build.dockerfile, failure));
        } };
      }
      case 'berth-tag':
        return { value, work: (out) => runTag(engine(), definition.image, definition.tags ?? [], out) };
      case 'berth-push':
        return { value, work: async (out, signal) => {
          for (const tag of definition.tags ?? []) value.current = await runPush(engine(), credentials, tag, out, signal);
        } };
      case 'berth-run': {
        const { type: _type, ...options } = definition as RunTaskDefinition & { label?: string; problemMatcher?: unknown; group?: unknown };
        delete (options as { label?: string }).label;
        return { value, work: async (out, signal) => {
          value.current = await runContainer(engine(), options, out, signal, false, folder);
        } };
      }
    }
  };

  const toTask = (definition: BerthTaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope, name?: string, onResult?: (result: TaskResult) => void): vscode.Task => {
    const label = name ?? taskLabel(definition);
    const task = new vscode.Task(definition, scope, label, 'berth', new vscode.CustomExecution(async (resolved) => {
      const folder = typeof scope === 'object' ? scope.uri.fsPath : (vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd());
      const { work, value } = workFor(resolved as BerthTaskDefinition, folder);
      return new TaskTerminal(`Berth: ${label}`, echoingCommands(work), (ok, output) => {
        const result: TaskResult = { ok, output, value: value.current };
        finished.fire({ label, result });
        onResult?.(result);
      });
    }), []);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
    if (definition.type === 'berth-build') task.group = vscode.TaskGroup.Build;
    return task;
  };

  // Only berth-build detects tasks, and only from each folder's top level: a workspace-wide
  // search here would run every time anyone lists tasks of any type.
  const detectBuilds = async (): Promise<vscode.Task[]> => {
    const tasks: vscode.Task[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      // Local folders are read with node's fs: the workbench's file service answers late while a task runs.
      const entries: [string, boolean][] = folder.uri.scheme === 'file'
        ? (await fs.readdir(folder.uri.fsPath, { withFileTypes: true }).catch(() => [])).map((e) => [e.name, e.isFile()])
        : (await vscode.workspace.fs.readDirectory(folder.uri).then((e) => e, () => [] as [string, vscode.FileType][])).map(([name, type]) => [name, type === vscode.FileType.File]);
      for (const [name, isFile] of entries) {
        if (!isFile || !/^(Dockerfile|Dockerfile\..+|.+\.Dockerfile)$/.test(name)) continue;
        tasks.push(toTask({ type: 'berth-build', dockerfile: name, tags: [defaultTag(path.basename(folder.uri.fsPath))] }, folder));
      }
    }
    return tasks;
  };
  const providerFor = (type: string): vscode.TaskProvider => ({
    provideTasks: () => (type === 'berth-build' ? detectBuilds() : []),
    resolveTask: (task) => {
      const definition = task.definition as BerthTaskDefinition;
      if (!taskTypes.includes(definition.type)) return undefined;
      // Reuse task.definition so VS Code matches the resolved task to the one in tasks.json.
      return toTask(definition, task.scope ?? vscode.TaskScope.Workspace, task.name);
    },
  });

  ctx.extension.subscriptions.push(diagnostics, finished, ...taskTypes.map((type) => vscode.tasks.registerTaskProvider(type, providerFor(type))));

  return {
    diagnostics,
    onDidFinish: finished.event,
    runTask: async (definition, folder) => {
      const scope = folder ?? vscode.workspace.workspaceFolders?.[0] ?? vscode.TaskScope.Workspace;
      return executeForResult<TaskResult>((report) => toTask(definition, scope, undefined, report));
    },
  };
}

export type { BerthTaskDefinition, BuildTaskDefinition };

/**
 * The compose projects of the workspace: folders holding a compose file (or named by
 * COMPOSE_FILE at a workspace folder's top), read with their .env, parsed, and kept
 * current by a file watcher. Parse problems become diagnostics at their lines here, the
 * one place compose files are read, so the view, the code lenses and up agree.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { composeFileNames, isComposeFileName, parseDotenv, projectInFolder, ProjectFiles } from './files';
import { composeProject, ComposeProject } from './items';
import { ComposeModel, mergeModels } from './definitions';
import type { ParseCompose } from './load';

/** What the watcher follows; the walk below finds the same names. */
export const composeGlob = '**/{compose,docker-compose}{,.override}.{yaml,yml}';

/** A file's text: the open document's (unsaved edits included), else the disk's; undefined when it cannot be read. */
async function textOf(file: string): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  if (open) return open.getText();
  return fs.readFile(file, 'utf8').catch(() => undefined);
}

/** Folders the walk does not enter: dependencies, version control, build output. */
const skipped = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'target', 'vendor', '.venv', '__pycache__']);

/**
 * Folders under `root` holding a compose file, read with node's fs (findFiles goes through
 * the search service, which follows .gitignore and answers late while a task runs); at most
 * 6 levels deep and 5,000 folders, so a huge workspace costs a bounded walk.
 */
export async function foldersWithComposeFiles(root: string, maxDepth = 6, maxFolders = 5_000): Promise<string[]> {
  const found: string[] = [];
  let queue: string[] = [root];
  let seen = 0;
  for (let depth = 0; depth <= maxDepth && queue.length > 0 && seen < maxFolders; depth++) {
    const next: string[] = [];
    for (const dir of queue) {
      if (++seen > maxFolders) break;
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
      if (entries.some((e) => e.isFile() && isComposeFileName(e.name))) found.push(dir);
      for (const e of entries) if (e.isDirectory() && !skipped.has(e.name) && !e.name.startsWith('.')) next.push(path.join(dir, e.name));
    }
    queue = next;
  }
  return found;
}

export class ComposeProjects implements vscode.Disposable {
  private list: ComposeProject[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('berth-compose');
  private readonly disposables: vscode.Disposable[] = [];
  private scanning: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  /** `envFileOf(dir)`: the env file chosen for the project in `dir` (`--env-file`), if any. */
  constructor(private readonly parseCompose: ParseCompose, private readonly envFileOf: (dir: string) => string | undefined = () => undefined) {
    const soon = (): void => this.scheduleScan();
    for (const glob of [composeGlob, '**/{.env,.env.*,*.env}']) {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      this.disposables.push(watcher, watcher.onDidCreate(soon), watcher.onDidChange(soon), watcher.onDidDelete(soon));
    }
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(soon),
      // Opened, the language server reports on the file; closed, this does again.
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (document.languageId === 'dockercompose') this.diagnostics.delete(document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        const project = document.uri.scheme === 'file' ? this.projectOf(document.uri.fsPath) : undefined;
        if (project) this.scheduleReread(project.files);
      }),
      // Typing in a compose file re-reads its project only, not the whole workspace.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.scheme !== 'file' || e.contentChanges.length === 0) return;
        const project = this.projectOf(e.document.uri.fsPath);
        if (project) this.scheduleReread(project.files);
        else if (isComposeFileName(path.basename(e.document.uri.fsPath))) this.scheduleScan(300);
      }),
    );
  }

  get projects(): readonly ComposeProject[] {
    return this.list;
  }

  /** The project a compose file belongs to. */
  projectOf(file: string): ComposeProject | undefined {
    return this.list.find((p) => p.files.files.includes(file));
  }

  private rereadTimer: NodeJS.Timeout | undefined;

  private scheduleReread(files: ProjectFiles): void {
    if (this.rereadTimer) clearTimeout(this.rereadTimer);
    this.rereadTimer = setTimeout(() => void this.read(files).then((project) => {
      const at = this.list.findIndex((p) => p.files.dir === files.dir);
      if (at < 0) return;
      this.list = [...this.list.slice(0, at), project, ...this.list.slice(at + 1)];
      this.changed.fire();
    }), 300);
  }

  private scheduleScan(delay = 100): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.scan(), delay);
  }

  /** Finds and parses every project again; overlapping calls coalesce into one more scan. */
  scan(): Promise<void> {
    if (this.scanning) {
      this.again = true;
      return this.scanning;
    }
    this.scanning = (async () => {
      do {
        this.again = false;
        this.list = await this.find();
        this.changed.fire();
      } while (this.again);
    })().finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  /** Parses a project's files again (their current text) and says what does not parse; the diagnostics follow. */
  check(project: ComposeProject): Promise<ComposeProject> {
    return this.read(project.files);
  }

  private async find(): Promise<ComposeProject[]> {
    const dirs = new Set<string>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      // COMPOSE_FILE can name files with other names; the tools read it at the folder they run in.
      dirs.add(folder.uri.fsPath);
      for (const dir of await foldersWithComposeFiles(folder.uri.fsPath)) dirs.add(dir);
    }
    const projects: ComposeProject[] = [];
    for (const dir of [...dirs].sort()) {
      const project = await this.load(dir);
      if (project) projects.push(project);
    }
    return projects;
  }

  private async load(dir: string): Promise<ComposeProject | undefined> {
    const entries = await fs.readdir(dir).catch(() => [] as string[]);
    // A chosen env file replaces the folder's .env, as --env-file does in the tools; one that
    // cannot be read any more is not passed on (the tool would refuse to start).
    const chosen = this.envFileOf(dir);
    const chosenText = chosen === undefined ? undefined : await fs.readFile(chosen, 'utf8').catch(() => undefined);
    const envFile = chosenText === undefined ? undefined : chosen;
    const envText = chosenText ?? (entries.includes('.env') ? await fs.readFile(path.join(dir, '.env'), 'utf8').catch(() => '') : '');
    const primary = composeFileNames.find((n) => entries.includes(n));
    const firstText = primary ? await textOf(path.join(dir, primary)) : undefined;
    const files = projectInFolder({ dir, entries, dotenv: parseDotenv(envText), env: process.env, envFile, topLevelName: firstText ? this.parseCompose(firstText).name : undefined });
    return files && this.read(files);
  }

  /** Parses these files (their current text) into a project, and shows their problems as diagnostics. */
  async read(files: ProjectFiles): Promise<ComposeProject> {
    const models: ComposeModel[] = [];
    const problems: ComposeProject['problems'] = [];
    for (const file of files.files) {
      const text = await textOf(file);
      const model: ComposeModel = text === undefined
        ? { services: [], problems: [{ start: { line: 0, character: 0 }, end: { line: 0, character: 0 }, message: `${path.basename(file)} cannot be read.` }] }
        : this.parseCompose(text);
      models.push(model);
      problems.push({ file, problems: model.problems });
      const uri = vscode.Uri.file(file);
      // An open compose file has the compose language server's diagnostics (syntax included):
      // these are for the files nobody has open, so a problem is never listed twice.
      if (isOpenComposeDocument(uri)) this.diagnostics.delete(uri);
      else this.diagnostics.set(uri, model.problems.map((p) => {
        const diagnostic = new vscode.Diagnostic(new vscode.Range(p.start.line, p.start.character, p.end.line, p.end.character), p.message, vscode.DiagnosticSeverity.Error);
        diagnostic.source = 'berth compose';
        return diagnostic;
      }));
    }
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(files.dir));
    const where = folder ? (path.relative(folder.uri.fsPath, files.dir) || folder.name) : files.dir;
    return composeProject(files, mergeModels(models), problems, where);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.rereadTimer) clearTimeout(this.rereadTimer);
    this.diagnostics.dispose();
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function isOpenComposeDocument(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((d) => d.languageId === 'dockercompose' && d.uri.toString() === uri.toString());
}

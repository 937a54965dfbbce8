/**
 * Add Docker Files to Workspace: the vscode side of src/scaffold. Finds the folder (the
 * explorer's, the only workspace folder, or a pick), lets the user confirm the platform
 * detection suggests and the port, asks before replacing anything, then writes the
 * Dockerfile, .dockerignore and compose.yaml together and opens the Dockerfile.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { assumed, detectFolder } from '../scaffold/detect';
import { portProblem } from '../scaffold/portHints';
import { generateFiles } from '../scaffold/templates';
import { platforms, type Detected, type Platform, type PlatformFacts } from '../scaffold/types';
import { existingFiles, NotAFileError, writeAll } from '../scaffold/write';
import type { Services } from '../services';
import type { PickItem } from '../ui/prompt';
import type { CommandHandlers } from './handler';

/** What the command did, for callers (tests) that run it: the folder and the files written. */
export interface AddDockerFilesResult {
  folder: string;
  written: string[];
}

const platformNames: Record<Platform, () => string> = {
  node: () => 'Node.js',
  python: () => 'Python',
  go: () => 'Go',
  java: () => 'Java',
  dotnet: () => '.NET',
  ruby: () => 'Ruby',
  rust: () => 'Rust',
  static: () => vscode.l10n.t('Static website (nginx)'),
};

/** The tool that goes with the platform, shown beside its name (npm, Poetry, Maven, a Vite build, ...). */
function toolOf(facts: PlatformFacts): string | undefined {
  switch (facts.platform) {
    case 'node': return facts.manager;
    case 'python': return { pip: 'pip', poetry: 'Poetry', uv: 'uv' }[facts.manager];
    case 'java': return facts.build === 'maven' ? 'Maven' : 'Gradle';
    case 'dotnet': return `net${facts.framework}`;
    case 'ruby': return facts.framework === 'rails' ? 'Rails' : facts.framework === 'rack' ? 'Rack' : undefined;
    case 'static': return facts.build ? vscode.l10n.t('built with {0}', facts.build.manager) : undefined;
    default: return undefined;
  }
}

const title = () => vscode.l10n.t('Add Docker Files');

async function chooseFolder(services: Services, item: unknown): Promise<string | undefined> {
  if (item instanceof vscode.Uri) {
    if (item.scheme !== 'file') throw new Error(vscode.l10n.t('Docker files can be added only to a folder on this machine, not to {0}.', item.toString()));
    return item.fsPath;
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 0) throw new Error(vscode.l10n.t('Open a folder first: Docker files are added to a workspace folder.'));
  if (folders.length === 1) return folders[0].uri.fsPath;
  const picked = await services.prompts.pick(folders.map((f): PickItem<string> => ({ label: f.name, description: f.uri.fsPath, value: f.uri.fsPath })), { title: title(), placeholder: vscode.l10n.t('Choose the workspace folder to add Docker files to') });
  return picked;
}

async function choosePlatform(services: Services, candidates: Detected[], name: string): Promise<Detected | undefined> {
  const detected = new Set(candidates.map((c) => c.facts.platform));
  const items: PickItem<Detected>[] = [
    ...candidates.map((c, index): PickItem<Detected> => {
      const tool = toolOf(c.facts);
      return {
        label: `${index === 0 ? '$(star-full) ' : ''}${platformNames[c.facts.platform]()}${tool ? ` (${tool})` : ''}`,
        description: vscode.l10n.t('detected: {0}', c.evidence.join(', ')),
        value: c,
      };
    }),
    ...platforms.filter((p) => !detected.has(p)).map((p): PickItem<Detected> => ({ label: platformNames[p](), description: vscode.l10n.t('not detected: a usual layout is assumed'), value: assumed(p, name) })),
  ];
  const placeholder = candidates.length > 0 ? vscode.l10n.t('Confirm the platform detected, or choose another') : vscode.l10n.t('No platform was recognised in this folder; choose one');
  return services.prompts.pick(items, { title: title(), placeholder, step: 1, totalSteps: 2 });
}

function portValidation(text: string): string | undefined {
  switch (portProblem(text)) {
    case 'empty': return vscode.l10n.t('Type the port the app listens on.');
    case 'notNumber': return vscode.l10n.t('A port is a whole number, like 8080.');
    case 'range': return vscode.l10n.t('A port is between 1 and 65535.');
    default: return undefined;
  }
}

async function choosePort(services: Services, detected: Detected): Promise<number | undefined> {
  const suggested = detected.port;
  const other = -1;
  const items: PickItem<number>[] = [
    { label: String(suggested), description: detected.portFound ? vscode.l10n.t('found in the project') : vscode.l10n.t('the usual port for {0}', platformNames[detected.facts.platform]()), value: suggested },
    { label: vscode.l10n.t('Another port…'), value: other },
  ];
  const placeholder = detected.facts.platform === 'static' ? vscode.l10n.t('The port to publish on this machine (nginx listens on 8080 inside the container)') : vscode.l10n.t('The port the app listens on');
  const picked = await services.prompts.pick(items, { title: title(), placeholder, step: 2, totalSteps: 2 });
  if (picked !== other) return picked;
  const typed = await services.prompts.input({ title: title(), prompt: placeholder, value: String(suggested), validate: portValidation });
  return typed === undefined ? undefined : Number(typed.trim());
}

export function workspaceHandlers(services: Services): CommandHandlers {
  return {
    'berth.workspace.addDockerFiles': async (item?: unknown): Promise<AddDockerFilesResult | undefined> => {
      const folder = await chooseFolder(services, item);
      if (!folder) return undefined;
      const project = await detectFolder(folder);
      const chosen = await choosePlatform(services, project.candidates, project.name);
      if (!chosen) return undefined;
      const port = await choosePort(services, chosen);
      if (port === undefined) return undefined;
      const files = generateFiles(project.name, chosen, port);
      const existing = await existingFiles(folder, files);
      if (existing.length > 0) {
        const replace = vscode.l10n.t('Replace');
        const answer = await services.prompts.confirm(
          vscode.l10n.t('Some of the Docker files are already in {0}. Replace them?', path.basename(folder)),
          vscode.l10n.t('These files are already there and would be overwritten: {0}. Nothing is written unless you agree.', existing.join(', ')),
          replace,
        );
        if (answer !== replace) return undefined;
      }
      try {
        await writeAll(folder, files);
      } catch (error) {
        if (error instanceof NotAFileError) throw new Error(vscode.l10n.t('{0} exists in {1} and is not a file; nothing was written. Move it away and run the command again.', error.relative, path.basename(folder)));
        throw error;
      }
      const written = files.map((f) => f.path);
      services.context.log.info(vscode.l10n.t('Added {0} to {1} ({2}, port {3}).', written.join(', '), folder, platformNames[chosen.facts.platform](), port));
      const dockerfile = vscode.Uri.file(path.join(folder, 'Dockerfile'));
      await vscode.window.showTextDocument(dockerfile, { preview: false });
      services.views.ui.info(vscode.l10n.t('Added {0} to {1}.', written.join(', '), path.basename(folder)));
      return { folder, written };
    },
  };
}

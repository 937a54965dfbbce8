/** Build Image…, Tag Image…, Push Image… — each runs as a berth-* task. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { validate } from '../engine';
import { defaultTag, dockerfileGlob, stages } from '../tasks/dockerfile';
import type { Prompter } from '../ui/prompt';
import { currentEngineOnly } from './explorerSupport';
import { pickImage, tagsFromItem } from './imageArg';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';

/** The Dockerfile a command was invoked on: explorer/editor Uri, the language server's code lens args, or the active editor. */
async function dockerfileFrom(prompts: Prompter, item: unknown): Promise<{ uri: vscode.Uri; target?: string } | undefined> {
  if (item instanceof vscode.Uri) return { uri: item };
  if (item && typeof item === 'object' && 'dockerfile' in item) {
    const { dockerfile, target } = item as { dockerfile: unknown; target?: unknown };
    const uri = dockerfile instanceof vscode.Uri ? dockerfile : typeof dockerfile === 'string' ? (dockerfile.includes('://') ? vscode.Uri.parse(dockerfile) : vscode.Uri.file(dockerfile)) : undefined;
    if (uri) return { uri, target: typeof target === 'string' && target ? target : undefined };
  }
  const active = vscode.window.activeTextEditor?.document;
  if (active && (active.languageId === 'dockerfile' || /Dockerfile/i.test(path.basename(active.uri.fsPath)))) return { uri: active.uri };
  const found = await vscode.workspace.findFiles(dockerfileGlob, '**/node_modules/**', 50);
  const picked = await prompts.pick(found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), value: uri })), { title: vscode.l10n.t('Build Image'), placeholder: vscode.l10n.t('Choose a Dockerfile') });
  return picked ? { uri: picked } : undefined;
}

export function buildHandlers(services: Services): CommandHandlers {
  const { prompts, tasks } = services;
  return {
    'berth.images.build': async (item) => {
      const chosen = await dockerfileFrom(prompts, item);
      if (!chosen) return undefined;
      const folder = vscode.workspace.getWorkspaceFolder(chosen.uri);
      const base = folder?.uri.fsPath ?? path.dirname(chosen.uri.fsPath);
      const contextDir = path.dirname(chosen.uri.fsPath);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(chosen.uri));
      const tag = await prompts.input({ title: vscode.l10n.t('Build Image: tag'), prompt: vscode.l10n.t('repository[:tag] for the new image'), value: defaultTag(path.basename(contextDir)), validate: (v) => validate.validateImageReference(v.trim()) });
      if (tag === undefined) return undefined;
      let target = chosen.target;
      const named = stages(text);
      if (!target && named.length > 1) {
        const picked = await prompts.pick([{ label: vscode.l10n.t('(last stage)'), description: vscode.l10n.t('build the whole Dockerfile'), value: '' }, ...named.map((s) => ({ label: s, value: s }))], { title: vscode.l10n.t('Build Image: target stage') });
        if (picked === undefined) return undefined;
        target = picked || undefined;
      }
      return tasks.runTask({
        type: 'berth-build',
        dockerfile: path.relative(base, chosen.uri.fsPath).split(path.sep).join('/'),
        context: path.relative(base, contextDir).split(path.sep).join('/') || '.',
        tags: [tag.trim()],
        ...(target ? { target } : {}),
      }, folder);
    },
    'berth.images.push': async (item) => {
      currentEngineOnly(services, item, vscode.l10n.t('Push'));
      let tags = tagsFromItem(item);
      if (tags.length === 0) {
        const image = await pickImage(services.context, prompts, undefined, vscode.l10n.t('Push Image'));
        if (!image) return undefined;
        tags = [image];
      } else if (tags.length > 1) {
        const picked = await prompts.pickMany(tags.map((t) => ({ label: t, value: t, picked: true })), { title: vscode.l10n.t('Push Image: tags to push') });
        if (!picked || picked.length === 0) return undefined;
        tags = picked;
      }
      return tasks.runTask({ type: 'berth-push', tags });
    },
  };
}

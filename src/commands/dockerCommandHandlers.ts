/**
 * "Copy as docker command" on the explorer's items and on berth-* tasks: the `docker` line
 * that makes the resource again (a container's `docker run` from its inspect data, a
 * network's or volume's `create`, the command that made an image in this session) or that
 * a task sends, quoted for the user's shell.
 */
import * as vscode from 'vscode';
import { imageOrigin } from '../dockerCommand/log';
import { taskCommandsOf } from '../dockerCommand/lines';
import { commandLine } from '../dockerCommand/shell';
import { networkCommandFromInspect, runCommandFromInspect, volumeCommandFromInspect } from '../engine/recreate';
import type { ContainerSummary, ImageSummary, NetworkSummary, VolumeSummary } from '../engine/types';
import type { BerthTaskDefinition } from '../tasks/definitions';
import { taskTypes } from '../tasks/definitions';
import type { Services } from '../services';
import type { PickItem } from '../ui/prompt';
import { acrossEngines, targetsOrPick } from './explorerSupport';
import type { CommandHandlers } from './handler';

/* eslint-disable @typescript-eslint/no-explicit-any -- inspect JSON handed to the recreation */
type Raw = Record<string, any>;

export function dockerCommandHandlers(services: Services): CommandHandlers {
  const { prompts, views } = services;
  const sessionOf = (item: unknown) => services.engines.sessions.sessionOf(item);
  const copy = async (lines: string[][]): Promise<string> => {
    const text = lines.map(commandLine).join('\n');
    await views.ui.copy(text);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied: {0}', text.split('\n')[0]), 4_000);
    return text;
  };
  const pick = <T>(items: PickItem<T>[]) => () => items;

  return {
    'berth.containers.copyDockerCommand': async (item, selected) => {
      const chosen = await targetsOrPick<{ kind: string; container: ContainerSummary }, ContainerSummary>(prompts, item, selected, ['container', 'networkContainer', 'volumeContainer'], (n) => n.container,
        () => acrossEngines(services, (s) => s.containers).map((c) => ({ label: c.name, description: c.image, value: c })), vscode.l10n.t('Copy as docker command'));
      const lines: string[][] = [];
      for (const c of chosen) {
        const engine = sessionOf(c).engine;
        const raw = (await engine.containers.inspect(c.id)).raw as Raw;
        // The image may be gone or renamed: then everything the container holds is stated.
        const imageConfig = await engine.images.inspect(String(raw.Config?.Image ?? c.imageId)).then((i) => (i.raw as Raw).Config as Raw, () => ({}));
        lines.push(runCommandFromInspect(raw, imageConfig));
      }
      return copy(lines);
    },
    'berth.images.copyDockerCommand': async (item, selected) => {
      const chosen = await targetsOrPick<{ kind: string; image: ImageSummary; reference?: string }, string | undefined>(prompts, item, selected, ['image'], (n) => n.reference,
        pick(acrossEngines(services, (s) => s.images).flatMap((i) => i.repoTags).map((r) => ({ label: r, value: r }))), vscode.l10n.t('Copy as docker command'));
      const lines = chosen.map((ref) => {
        if (!ref) throw new Error(vscode.l10n.t('An image without a tag has no docker command to copy: tag it first.'));
        // What made it in this session (build, pull, tag, import), else how to get it again.
        return imageOrigin(ref) ?? ['docker', 'pull', ref];
      });
      return copy(lines);
    },
    'berth.networks.copyDockerCommand': async (item, selected) => {
      const chosen = await targetsOrPick<{ kind: string; network: NetworkSummary }, NetworkSummary>(prompts, item, selected, ['network'], (n) => n.network,
        pick(acrossEngines(services, (s) => s.networks).map((n) => ({ label: n.name, description: n.driver, value: n }))), vscode.l10n.t('Copy as docker command'));
      const lines: string[][] = [];
      for (const n of chosen) lines.push(networkCommandFromInspect(await sessionOf(n).engine.networks.inspectRaw(n.id) as Raw));
      return copy(lines);
    },
    'berth.volumes.copyDockerCommand': async (item, selected) => {
      const chosen = await targetsOrPick<{ kind: string; volume: VolumeSummary }, VolumeSummary>(prompts, item, selected, ['volume'], (n) => n.volume,
        pick(acrossEngines(services, (s) => s.volumes).map((v) => ({ label: v.name, description: v.driver, value: v }))), vscode.l10n.t('Copy as docker command'));
      return copy(chosen.map(volumeCommandFromInspect));
    },
    'berth.tasks.copyDockerCommand': async (item) => {
      const task = item instanceof vscode.Task ? item : await pickTask(services);
      if (!task) return undefined;
      const folder = typeof task.scope === 'object' ? task.scope.uri.fsPath : (vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd());
      return copy(await taskCommandsOf(task.definition as BerthTaskDefinition, folder));
    },
  };
}

async function pickTask(services: Services): Promise<vscode.Task | undefined> {
  const tasks = (await vscode.tasks.fetchTasks()).filter((t) => (taskTypes as readonly string[]).includes(t.definition.type));
  if (tasks.length === 0) throw new Error(vscode.l10n.t('There is no berth-build, berth-tag, berth-push or berth-run task in this workspace.'));
  return services.prompts.pick(tasks.map((t) => ({ label: t.name, description: t.definition.type, value: t })), { title: vscode.l10n.t('Copy as docker command') });
}

/**
 * Compose commands. Each finds its project and services from what it was called on: a
 * Compose view node (project, profile, service, container; several selected services),
 * a code lens ({ file, service }), a compose file's Uri, the active compose file, or a
 * quick pick of the workspace's projects.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComposeAction, ComposeRequest } from '../compose/argv';
import { envFileCandidates } from '../compose/envFiles';
import { isComposeFileName } from '../compose/files';
import type { ComposeNode, ComposeProject } from '../compose/items';
import { serviceOf } from '../compose/match';
import type { Services } from '../services';
import type { CommandHandler, CommandHandlers } from './handler';

interface Target {
  project: ComposeProject;
  /** Empty: the whole project. */
  services: string[];
  profiles: string[];
}

const nodeKinds = ['composeProject', 'composeProfile', 'composeService', 'composeContainer', 'composeProblem'];

function isNode(value: unknown): value is ComposeNode {
  return !!value && typeof value === 'object' && nodeKinds.includes((value as { kind?: unknown }).kind as string);
}

function fileOf(item: unknown): string | undefined {
  if (item instanceof vscode.Uri) return item.scheme === 'file' ? item.fsPath : undefined;
  if (item && typeof item === 'object' && typeof (item as { file?: unknown }).file === 'string') return (item as { file: string }).file;
  return undefined;
}

export function composeHandlers(services: Services): CommandHandlers {
  const { compose, prompts, views } = services;

  const projectOfFile = async (file: string): Promise<ComposeProject> => {
    let project = compose.projects.projectOf(file);
    if (!project) {
      await compose.projects.scan();
      project = compose.projects.projectOf(file);
    }
    if (!project) throw new Error(vscode.l10n.t('{0} is not part of a compose project Berth found (compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml, their override files, or COMPOSE_FILE).', path.basename(file)));
    return project;
  };

  const target = async (item: unknown, selected: unknown, title: string): Promise<Target | undefined> => {
    const nodes = (Array.isArray(selected) && selected.length > 1 ? selected : [item]).filter(isNode);
    if (nodes.length > 0) {
      const project = nodes[0].project;
      const same = nodes.filter((n) => n.project.files.dir === project.files.dir);
      if (same.some((n) => n.kind === 'composeProject' || n.kind === 'composeProblem')) return { project, services: [], profiles: [] };
      const profiles = same.flatMap((n) => (n.kind === 'composeProfile' ? [n.profile] : []));
      const names = same.flatMap((n) => (n.kind === 'composeService' ? [n.service.name] : n.kind === 'composeContainer' ? [n.service] : []));
      return { project, services: [...new Set(names)], profiles };
    }
    const file = fileOf(item);
    if (file) {
      const service = (item as { service?: unknown }).service;
      return { project: await projectOfFile(file), services: typeof service === 'string' ? [service] : [], profiles: [] };
    }
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active?.scheme === 'file' && isComposeFileName(path.basename(active.fsPath))) return { project: await projectOfFile(active.fsPath), services: [], profiles: [] };
    if (compose.projects.projects.length === 0) await compose.projects.scan();
    const all = compose.projects.projects;
    if (all.length === 0) {
      views.ui.info(vscode.l10n.t('No compose files in this workspace (compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml).'));
      return undefined;
    }
    const project = all.length === 1 ? all[0] : await prompts.pick(all.map((p) => ({ label: p.files.name, description: p.where, value: p })), { title, placeholder: vscode.l10n.t('Compose project') });
    return project && { project, services: [], profiles: [] };
  };

  const run = async (t: Target, request: ComposeRequest): Promise<unknown> => {
    const result = await compose.run(t.project, request);
    if (!result.ok) throw new Error(vscode.l10n.t('Compose {0} of {1} failed; the task terminal shows the tool\'s output.', request.action, t.project.files.name));
    return result;
  };

  /** An action on the target's services (all when none were chosen), every profile enabled. */
  const simple = (action: ComposeAction, title: string): CommandHandler => async (item, selected) => {
    const t = await target(item, selected, title);
    if (!t) return undefined;
    // A profile node stands for its services.
    const chosen = t.services.length > 0 || t.profiles.length === 0 ? t.services : t.project.services.filter((s) => s.profiles.some((p) => t.profiles.includes(p))).map((s) => s.name);
    return run(t, { action, services: chosen });
  };

  return {
    'berth.compose.up': async (item, selected) => {
      const t = await target(item, selected, vscode.l10n.t('Compose Up'));
      return t && run(t, { action: 'up', services: t.services, profiles: t.profiles });
    },
    'berth.compose.upSelect': async (item, selected) => {
      const t = await target(item, selected, vscode.l10n.t('Compose Up…'));
      if (!t) return undefined;
      const { project } = t;
      const defaults = project.services.filter((s) => s.profiles.length === 0).map((s) => s.name);
      const preset = t.services.length > 0 ? t.services : defaults;
      const chosen = await prompts.pickMany(project.services.map((s) => ({
        label: s.name, description: s.profiles.length ? vscode.l10n.t('profile {0}', s.profiles.join(', ')) : undefined, value: s.name, picked: preset.includes(s.name),
      })), { title: vscode.l10n.t('Up {0}: services', project.files.name), placeholder: vscode.l10n.t('None chosen: every service that runs without a profile') });
      if (chosen === undefined) return undefined;
      let profiles = t.profiles;
      if (project.profiles.length > 0) {
        const picked = await prompts.pickMany(project.profiles.map((p) => ({ label: p, value: p, picked: t.profiles.includes(p) })), { title: vscode.l10n.t('Up {0}: profiles', project.files.name), placeholder: vscode.l10n.t('Profiles whose services start too (none: only services without a profile)') });
        if (picked === undefined) return undefined;
        profiles = picked;
      }
      const mode = await prompts.pick([
        { label: vscode.l10n.t('Up'), description: vscode.l10n.t('build images that are missing'), value: {} },
        { label: vscode.l10n.t('Up, Building Images First'), description: '--build', value: { build: 'always' as const } },
        { label: vscode.l10n.t('Up Without Building'), description: '--no-build', value: { build: 'never' as const } },
        { label: vscode.l10n.t('Pull Images, Then Up'), description: vscode.l10n.t('pull, then up'), value: { pull: true } },
      ], { title: vscode.l10n.t('Up {0}', project.files.name), placeholder: vscode.l10n.t('Detached (-d); choose how images are made ready') });
      if (mode === undefined) return undefined;
      const everyDefault = chosen.length === defaults.length && chosen.every((s) => defaults.includes(s));
      return run(t, { action: 'up', services: everyDefault || chosen.length === 0 ? [] : chosen, profiles, ...mode });
    },
    'berth.compose.down': async (item, selected) => {
      const t = await target(item, selected, vscode.l10n.t('Compose Down'));
      if (!t) return undefined;
      const [down, downVolumes, downImages] = [vscode.l10n.t('Down'), vscode.l10n.t('Down and Remove Volumes'), vscode.l10n.t('Down, Remove Volumes and Local Images')];
      const answer = await prompts.confirm(
        vscode.l10n.t('Down {0}?', t.project.files.name),
        vscode.l10n.t('Stops and removes the project\'s containers and networks (every profile\'s). Named volumes and images are kept unless you choose to remove them.'),
        down, downVolumes, downImages,
      );
      if (!answer) return undefined;
      return run(t, { action: 'down', volumes: answer !== down, localImages: answer === downImages });
    },
    'berth.compose.start': simple('start', vscode.l10n.t('Compose Start')),
    'berth.compose.stop': simple('stop', vscode.l10n.t('Compose Stop')),
    'berth.compose.restart': simple('restart', vscode.l10n.t('Compose Restart')),
    'berth.compose.pause': simple('pause', vscode.l10n.t('Compose Pause')),
    'berth.compose.unpause': simple('unpause', vscode.l10n.t('Compose Unpause')),
    'berth.compose.pull': simple('pull', vscode.l10n.t('Compose Pull')),
    'berth.compose.build': simple('build', vscode.l10n.t('Compose Build')),
    'berth.compose.logs': async (item, selected) => {
      const t = await target(item, selected, vscode.l10n.t('Compose Logs'));
      if (!t) return undefined;
      const names = t.project.services.map((s) => s.name);
      const wanted = t.services.length > 0 ? t.services : t.profiles.length > 0 ? t.project.services.filter((s) => s.profiles.some((p) => t.profiles.includes(p))).map((s) => s.name) : names;
      const all = await services.context.engine.listContainers({ all: true });
      const members = all.flatMap((c) => {
        const service = serviceOf(c, t.project.files.name, names);
        return service && wanted.includes(service) ? [{ id: c.id, name: c.name, service }] : [];
      });
      if (members.length === 0) throw new Error(t.services.length ? vscode.l10n.t('{0} has no containers for {1}: bring it up first.', t.project.files.name, t.services.join(', ')) : vscode.l10n.t('{0} has no containers: bring it up first.', t.project.files.name));
      return services.terminals.logs(members, {}, vscode.l10n.t('Logs: {0}', t.project.files.name));
    },
    'berth.compose.showConfig': async (item, selected) => {
      const t = await target(item, selected, vscode.l10n.t('Show Resolved Compose Configuration'));
      return t && compose.showConfig(t.project);
    },
    'berth.compose.chooseEnvFile': async (item, selected) => {
      const t = await target(item, selected, 'Choose Compose Env File');
      if (!t) return undefined;
      const { dir, name } = t.project.files;
      const current = compose.envFiles.of(dir);
      const inFolder = envFileCandidates(await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f !== '.env');
      // '' stands for the folder's .env (no --env-file), so a cancelled pick stays undefined.
      const choice = await prompts.pick<string>([
        { label: '.env', description: current ? 'the folder\'s own (what the tool reads without --env-file)' : 'in use', value: '' },
        ...inFolder.map((f) => ({ label: f, description: current === path.join(dir, f) ? 'in use' : '--env-file', value: path.join(dir, f) })),
        { label: '$(folder-opened) Browse…', description: 'another file', value: 'browse' },
      ], { title: `Env file for ${name}`, placeholder: 'Compose reads variables for ${…} in the files from it (--env-file)' });
      if (choice === undefined) return undefined;
      const file = choice === 'browse' ? (await prompts.file({ title: `Env file for ${name}`, defaultUri: vscode.Uri.file(dir) }))?.fsPath : choice || undefined;
      if (choice === 'browse' && file === undefined) return undefined;
      await compose.envFiles.set(dir, file);
      await compose.projects.scan();
      return compose.projects.projects.find((p) => p.files.dir === dir)?.files.envFile;
    },
    'berth.compose.refresh': () => compose.projects.scan(),
  };
}

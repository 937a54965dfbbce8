/** Volume actions: create, inspect, remove (saying which containers use it), prune. */
import * as l10n from '@vscode/l10n';
import type { VolumeSummary } from '../engine/types';
import { validateVolumeName } from '../engine/validate';
import type { PickItem } from '../ui/prompt';
import { itemsOf } from '../state/store';
import { volumeLabel, VolumeNode } from '../views/volumeItems';
import { acrossEngines, confirmAndPrune, currentEngineOnly, engineFor, engineNote, listNames, plural, targetsOrPick } from './explorerSupport';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';
import { volumeFilesNode } from '../files/nodes';
import { isVolumeHelper } from '../volumes/helperLabel';

type VolumeItem = Extract<VolumeNode, { kind: 'volume' }>;

export function volumeCommands(services: Services): CommandHandlers {
  const { views, prompts, files } = services;
  // Each volume is acted on in its own engine, with that engine's containers.
  const sessionOf = (item: unknown) => services.engines.sessions.sessionOf(item);
  const engine = (v: VolumeSummary) => sessionOf(v).engine.volumes;
  const all = () => acrossEngines(services, (s) => s.volumes);
  const usersOf = (volume: VolumeSummary) => itemsOf(sessionOf(volume).stores.containers).filter((c) => !isVolumeHelper(c) && c.mounts.some((m) => m.type === 'volume' && m.name === volume.name));
  const targets = (item: unknown, selected: unknown, title: string) =>
    targetsOrPick<VolumeItem, VolumeSummary>(prompts, item, selected, ['volume'], (n) => n.volume, () => all().map((v): PickItem<VolumeSummary> => ({ label: volumeLabel(v), description: `${v.driver}${engineNote(services, v)}`, value: v })), title);
  const done = (volumes: readonly VolumeSummary[]) => new Set(volumes.map(sessionOf)).forEach((s) => s.stores.requestRefresh(['volumes']));

  return {
    'berth.volumes.create': async (item) => {
      const session = await engineFor(services, item, l10n.t('Create a volume on which engine?'));
      if (!session) return;
      const names = new Set(itemsOf(session.stores.volumes).map((v) => v.name));
      const name = await prompts.input({
        title: l10n.t('Create volume'),
        prompt: l10n.t('A name (letters, digits, _ . -); empty creates an anonymous volume.'),
        validate: (text) => (text.trim() ? validateVolumeName(text.trim()) ?? (names.has(text.trim()) ? l10n.t('A volume named "{0}" already exists.', text.trim()) : undefined) : undefined),
      });
      if (name === undefined) return;
      let created: VolumeSummary | undefined;
      await views.ui.run(name.trim() ? l10n.t('Creating volume {0}', name.trim()) : l10n.t('Creating an anonymous volume'), [name.trim()], (n) => n, async () => (created = await session.engine.volumes.create({ name: name.trim() || undefined })));
      session.stores.requestRefresh(['volumes']);
      return created?.name;
    },
    'berth.volumes.inspect': async (item, selected) => {
      for (const v of await targets(item, selected, l10n.t('Inspect volumes'))) await views.documents.open('volume', v.name, volumeLabel(v), sessionOf(v).key);
    },
    'berth.volumes.remove': async (item, selected) => {
      const chosen = await targets(item, selected, l10n.t('Remove volumes'));
      if (chosen.length === 0) return;
      const users = [...new Set(chosen.flatMap((v) => usersOf(v).map((c) => c.name)))];
      const answer = await prompts.confirm(
        chosen.length === 1 ? l10n.t('Remove volume {0}? Its data is deleted.', volumeLabel(chosen[0])) : l10n.t('Remove {0}? Their data is deleted.', plural(chosen.length, 'volume')),
        users.length > 0
          ? l10n.t('Still used by {0}: the engine refuses to remove a volume a container uses; remove those containers first.', listNames(users, 8))
          : l10n.t('{0}: the data cannot be recovered.', listNames(chosen.map(volumeLabel), 8)),
        l10n.t('Remove'),
      );
      if (!answer) return;
      await views.ui.run(l10n.t('Removing {0}', plural(chosen.length, 'volume')), chosen, (v) => volumeLabel(v), async (v) => {
        // A helper that read its files a moment ago would make the engine refuse (helpers run on the current engine only).
        if (sessionOf(v).primary) await files.volumeHelpers.release(v.name);
        await engine(v).remove(v.name);
      });
      done(chosen);
    },
    'berth.volumes.browseFiles': async (item, selected) => {
      const [volume] = await targets(item, selected, l10n.t('Browse the files of a volume'));
      if (!volume) return undefined;
      currentEngineOnly(services, volume, l10n.t('Browse Files'));
      // Shown in the Volumes view, where upload, download, new file and folder work as in a container's Files.
      const node = volumeFilesNode(volume.name);
      await views.treeViews.volumes.reveal(node, { expand: true, focus: true, select: true });
      return node;
    },
    'berth.volumes.prune': async (item) => {
      const session = await engineFor(services, item, l10n.t('Prune volumes of which engine?'));
      if (!session) return;
      const unused = itemsOf(session.stores.volumes).filter((v) => usersOf(v).length === 0);
      return confirmAndPrune(services, {
        question: l10n.t('Remove all unused volumes? Their data is deleted.'),
        detail: unused.length > 0 ? l10n.t('{0} (no container uses them).', listNames(unused.map(volumeLabel), 8)) : l10n.t('No volume is unused right now.'),
        title: l10n.t('Pruning volumes'),
        noun: 'volume',
        prune: async () => {
          if (session.primary) await files.volumeHelpers.release();
          return session.engine.volumes.prune();
        },
        refresh: () => session.stores.requestRefresh(['volumes']),
      });
    },
  };
}

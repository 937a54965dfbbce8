/** Volume actions: create, inspect, remove (saying which containers use it), prune. */
import type { VolumeSummary } from '../engine/types';
import { validateVolumeName } from '../engine/validate';
import type { PickItem } from '../ui/prompt';
import { itemsOf } from '../state/store';
import { volumeLabel, VolumeNode } from '../views/volumeItems';
import { confirmAndPrune, listNames, plural, targetsOrPick } from './explorerSupport';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';

type VolumeItem = Extract<VolumeNode, { kind: 'volume' }>;

export function volumeCommands(services: Services): CommandHandlers {
  const { context: ctx, views, stores, prompts } = services;
  const engine = () => ctx.engine.volumes;
  const all = () => itemsOf(stores.volumes);
  const usersOf = (volume: VolumeSummary) => itemsOf(stores.containers).filter((c) => c.mounts.some((m) => m.type === 'volume' && m.name === volume.name));
  const targets = (item: unknown, selected: unknown, title: string) =>
    targetsOrPick<VolumeItem, VolumeSummary>(prompts, item, selected, ['volume'], (n) => n.volume, () => all().map((v): PickItem<VolumeSummary> => ({ label: volumeLabel(v), description: v.driver, value: v })), title);
  const done = () => stores.requestRefresh(['volumes']);

  return {
    'berth.volumes.create': async () => {
      const names = new Set(all().map((v) => v.name));
      const name = await prompts.input({
        title: 'Create volume',
        prompt: 'A name (letters, digits, _ . -); empty creates an anonymous volume.',
        validate: (text) => (text.trim() ? validateVolumeName(text.trim()) ?? (names.has(text.trim()) ? `A volume named "${text.trim()}" already exists.` : undefined) : undefined),
      });
      if (name === undefined) return;
      let created: VolumeSummary | undefined;
      await views.ui.run(`Creating volume ${name.trim()}`, [name.trim()], (n) => n, async () => (created = await engine().create({ name: name.trim() || undefined })));
      done();
      return created?.name;
    },
    'berth.volumes.inspect': async (item, selected) => {
      for (const v of await targets(item, selected, 'Inspect volumes')) await views.documents.open('volume', v.name, volumeLabel(v));
    },
    'berth.volumes.remove': async (item, selected) => {
      const chosen = await targets(item, selected, 'Remove volumes');
      if (chosen.length === 0) return;
      const users = [...new Set(chosen.flatMap((v) => usersOf(v).map((c) => c.name)))];
      const answer = await prompts.confirm(
        `Remove ${chosen.length === 1 ? `volume ${volumeLabel(chosen[0])}` : plural(chosen.length, 'volume')}? Its data is deleted.`,
        users.length > 0
          ? `Still used by ${listNames(users, 8)}: the engine refuses to remove a volume a container uses; remove those containers first.`
          : `${listNames(chosen.map(volumeLabel), 8)}: the data cannot be recovered.`,
        'Remove',
      );
      if (!answer) return;
      await views.ui.run(`Removing ${plural(chosen.length, 'volume')}`, chosen, (v) => volumeLabel(v), (v) => engine().remove(v.name));
      done();
    },
    'berth.volumes.prune': async () => {
      const unused = all().filter((v) => usersOf(v).length === 0);
      return confirmAndPrune(services, {
        question: 'Remove all unused volumes? Their data is deleted.',
        detail: unused.length > 0 ? `${listNames(unused.map(volumeLabel), 8)} (no container uses them).` : 'No volume is unused right now.',
        title: 'Pruning volumes',
        noun: 'volume',
        prune: () => engine().prune(),
        refresh: done,
      });
    },
  };
}

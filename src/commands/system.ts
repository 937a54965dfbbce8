/** System actions: prune (volumes only when asked) and the disk usage report. */
import * as l10n from '@vscode/l10n';
import { formatSize } from '../views/format';
import { pickOne, plural} from './explorerSupport';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';

export function systemCommands(services: Services): CommandHandlers {
  const { context: ctx, views, stores, prompts } = services;
  return {
    'berth.system.prune': async () => {
      const scope = await pickOne(prompts, [
        { label: l10n.t('Containers, images and networks'), description: l10n.t('stopped containers, dangling images, unused networks'), value: { volumes: false } },
        { label: l10n.t('Containers, images, networks and volumes'), description: l10n.t('also every volume no container uses: its data is deleted'), value: { volumes: true } },
      ], l10n.t('Prune the engine'));
      if (!scope) return;
      const answer = await prompts.confirm(
        scope.volumes ? l10n.t('Remove stopped containers, dangling images, unused networks and unused volumes?') : l10n.t('Remove stopped containers, dangling images and unused networks?'),
        scope.volumes ? l10n.t('Data in unused volumes cannot be recovered.') : l10n.t('Volumes are kept.'),
        l10n.t('Prune'),
      );
      if (!answer) return;
      let result: Awaited<ReturnType<typeof ctx.engine.system.prune>> | undefined;
      await views.ui.run(l10n.t('Pruning the engine'), [scope], () => 'prune', async (s, signal) => (result = await ctx.engine.system.prune({ volumes: s.volumes, signal })));
      stores.requestRefresh();
      if (result) {
        const reclaimed = result.containers.spaceReclaimed + result.images.spaceReclaimed + (result.volumes?.spaceReclaimed ?? 0);
        const [containers, layers, networks] = [plural(result.containers.deleted.length, 'container'), plural(result.images.deleted.length, 'image layer'), plural(result.networks.deleted.length, 'network')];
        views.ui.info(result.volumes
          ? l10n.t('Removed {0}, {1}, {2}, {3}; reclaimed {4}.', containers, layers, networks, plural(result.volumes.deleted.length, 'volume'), formatSize(reclaimed))
          : l10n.t('Removed {0}, {1}, {2}; reclaimed {3}.', containers, layers, networks, formatSize(reclaimed)));
      }
      return result;
    },
    'berth.context.switch': () => views.switchEngine(),
    'berth.inspect.refresh': (uri) => views.documents.refresh(uri),
    'berth.system.diskUsage': async () => {
      let uri: string | undefined;
      await views.ui.run(l10n.t('Measuring disk usage'), [0], () => 'df', async () => (uri = (await views.documents.open('diskUsage', 'engine', l10n.t('Disk usage'))).document.uri.toString()));
      return uri;
    },
  };
}

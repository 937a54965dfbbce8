/** System actions: prune (volumes only when asked) and the disk usage report. */
import { formatSize } from '../views/format';
import { pickOne, plural} from './explorerSupport';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';

export function systemCommands(services: Services): CommandHandlers {
  const { context: ctx, views, stores, prompts } = services;
  return {
    'berth.system.prune': async () => {
      const scope = await pickOne(prompts, [
        { label: 'Containers, images and networks', description: 'stopped containers, dangling images, unused networks', value: { volumes: false } },
        { label: 'Containers, images, networks and volumes', description: 'also every volume no container uses: its data is deleted', value: { volumes: true } },
      ], 'Prune the engine');
      if (!scope) return;
      const answer = await prompts.confirm(
        scope.volumes ? 'Remove stopped containers, dangling images, unused networks and unused volumes?' : 'Remove stopped containers, dangling images and unused networks?',
        scope.volumes ? 'Data in unused volumes cannot be recovered.' : 'Volumes are kept.',
        'Prune',
      );
      if (!answer) return;
      let result: Awaited<ReturnType<typeof ctx.engine.system.prune>> | undefined;
      await views.ui.run('Pruning the engine', [scope], () => 'prune', async (s, signal) => (result = await ctx.engine.system.prune({ volumes: s.volumes, signal })));
      stores.requestRefresh();
      if (result) {
        const reclaimed = result.containers.spaceReclaimed + result.images.spaceReclaimed + (result.volumes?.spaceReclaimed ?? 0);
        views.ui.info(
          `Removed ${plural(result.containers.deleted.length, 'container')}, ${plural(result.images.deleted.length, 'image layer')}, ${plural(result.networks.deleted.length, 'network')}` +
          `${result.volumes ? `, ${plural(result.volumes.deleted.length, 'volume')}` : ''}; reclaimed ${formatSize(reclaimed)}.`,
        );
      }
      return result;
    },
    'berth.context.switch': () => views.switchEngine(),
    'berth.inspect.refresh': (uri) => views.documents.refresh(uri),
    'berth.system.diskUsage': async () => {
      let uri: string | undefined;
      await views.ui.run('Measuring disk usage', [0], () => 'df', async () => (uri = (await views.documents.open('diskUsage', 'engine', 'Disk usage')).document.uri.toString()));
      return uri;
    },
  };
}

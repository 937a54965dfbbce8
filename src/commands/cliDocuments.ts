/**
 * Palette ways into what the CLI shows and the trees show only as nodes: Show Changes
 * (`docker diff`), Show History (`docker history`) and container sizes (`ps -s`), each
 * as a read-only document.
 */
import * as l10n from '@vscode/l10n';
import { itemsOf } from '../state/store';
import { imageFromItem } from './imageArg';
import { pickOne } from './explorerSupport';
import type { ContainerSummary } from '../engine/types';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';

export function cliDocumentCommands(services: Services): CommandHandlers {
  const { views, stores, prompts } = services;
  const containerOf = async (item: unknown): Promise<ContainerSummary | undefined> => {
    const node = item as { container?: ContainerSummary } | undefined;
    if (node?.container?.id) return node.container;
    return pickOne(prompts, itemsOf(stores.containers).map((c) => ({ label: c.name, description: `${c.image} · ${c.state}`, value: c })), l10n.t('Show changes of a container (docker diff)'));
  };
  return {
    'berth.containers.showChanges': async (item) => {
      const container = await containerOf(item);
      return container && views.documents.open('changes', container.id, container.name, services.engines.sessions.sessionOf(container).key);
    },
    'berth.images.showHistory': async (item) => {
      const reference = imageFromItem(item) ?? await pickOne(prompts, itemsOf(stores.images).flatMap((image) =>
        (image.repoTags.length > 0 ? image.repoTags : [image.id]).map((ref) => ({ label: ref, description: image.id.replace(/^sha256:/, '').slice(0, 12), value: ref }))), l10n.t('Show the history of an image (docker history)'));
      // From a pinned engine's group, that engine's history.
      return reference && views.documents.open('history', reference, reference, services.engines.sessions.sessionOf(item).key);
    },
    'berth.containers.showSizes': () => views.documents.open('sizes', 'all', l10n.t('container sizes')),
  };
}

/** Image actions: inspect, tag, remove (saying which containers still use it), copy, prune. Pull Image Again is the registries' one pull path. */
import * as l10n from '@vscode/l10n';
import type { ImageSummary } from '../engine/types';
import { validateImageReference } from '../engine/validate';
import { formatSize } from '../views/format';
import { imageLabel, ImageTagNode, shortId } from '../views/imageItems';
import type { PickItem } from '../ui/prompt';
import { itemsOf } from '../state/store';
import { acrossEngines, confirmAndPrune, engineFor, engineNote, listNames, pickOne, plural, targetsOrPick } from './explorerSupport';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';

/** What an image action acts on: an image, through one of its tags when it has any. */
interface ImageTarget {
  image: ImageSummary;
  reference?: string;
}

const nameOf = (t: ImageTarget) => t.reference ?? `<none> ${shortId(t.image.id)}`;

export function imageCommands(services: Services): CommandHandlers {
  const { context: ctx, views, prompts } = services;
  // Each image is acted on in its own engine (a pinned engine's group holds its own records).
  const sessionOf = (item: unknown) => services.engines.sessions.sessionOf(item);
  const engine = (t: ImageTarget) => sessionOf(t.image).engine.images;
  const all = () => acrossEngines(services, (s) => s.images);
  const pickItems = (taggedOnly: boolean) => all()
    .flatMap((image): ImageTarget[] => (image.repoTags.length > 0 ? image.repoTags.map((reference) => ({ image, reference })) : taggedOnly ? [] : [{ image }]))
    .map((t): PickItem<ImageTarget> => ({ label: nameOf(t), description: `${formatSize(t.image.size)}${engineNote(services, t.image)}`, value: t }));
  const targets = (item: unknown, selected: unknown, title: string, taggedOnly = false) =>
    targetsOrPick<ImageTagNode, ImageTarget>(prompts, item, selected, ['image'], (n) => ({ image: n.image, reference: n.reference }), () => pickItems(taggedOnly), title);
  const done = (targets: readonly ImageTarget[]) => new Set(targets.map((t) => sessionOf(t.image))).forEach((s) => s.stores.requestRefresh(['images']));

  /** Containers (any state) of the image's engine created from this image: they keep it from being removed. */
  const usersOf = (image: ImageSummary) => itemsOf(sessionOf(image).stores.containers).filter((c) => c.imageId === image.id);

  return {
    'berth.images.inspect': async (item, selected) => {
      for (const t of await targets(item, selected, l10n.t('Inspect images'))) await views.documents.open('image', t.image.id, nameOf(t), sessionOf(t.image).key);
    },
    'berth.images.tag': async (item, selected) => {
      const [t] = await targets(item, selected, l10n.t('Tag an image'));
      if (!t) return;
      const reference = await prompts.input({
        title: l10n.t('Tag {0}', nameOf(t)),
        prompt: l10n.t('The new reference: [registry/]repository[:tag], e.g. 127.0.0.1:5000/app:dev.'),
        value: t.reference ?? '',
        validate: (text) => validateImageReference(text.trim()),
      });
      if (!reference) return;
      await views.ui.run(l10n.t('Tagging {0} as {1}', nameOf(t), reference.trim()), [t], nameOf, () => engine(t).tag(t.image.id, reference.trim()));
      done([t]);
      return reference.trim();
    },
    'berth.images.remove': async (item, selected) => {
      const chosen = await targets(item, selected, l10n.t('Remove images'));
      if (chosen.length === 0) return;
      const users = [...new Set(chosen.flatMap((t) => usersOf(t.image).map((c) => c.name)))];
      // Removing one tag of an image with several only untags it; say so.
      const untagOnly = chosen.filter((t) => t.reference && t.image.repoTags.length > 1).map(nameOf);
      const forceRemove = l10n.t('Force Remove');
      const answer = await prompts.confirm(
        chosen.length === 1 ? l10n.t('Remove image {0}?', nameOf(chosen[0])) : l10n.t('Remove {0}?', plural(chosen.length, 'image')),
        [
          chosen.length > 1 ? `${listNames(chosen.map(nameOf), 8)}.` : '',
          users.length > 0 ? l10n.t('Still used by {0}: {1}. The engine refuses a plain Remove; Force Remove only takes the name away, and the image stays, untagged, while they use it.', plural(users.length, 'container'), listNames(users, 8)) : '',
          untagOnly.length === 1 ? l10n.t('{0} only loses the tag: the image has other tags.', untagOnly[0]) : '',
          untagOnly.length > 1 ? l10n.t('{0} only lose the tag: the image has other tags.', listNames(untagOnly)) : '',
        ].filter(Boolean).join(' ') || l10n.t('The image is removed from the engine.'),
        l10n.t('Remove'), forceRemove,
      );
      if (!answer) return;
      await views.ui.run(l10n.t('Removing {0}', plural(chosen.length, 'image')), chosen, nameOf, (t) => engine(t).remove(t.reference ?? t.image.id, { force: answer === forceRemove }));
      done(chosen);
    },
    'berth.images.copyTag': async (item, selected) => {
      const chosen = (await targets(item, selected, l10n.t('Copy image tags'), true)).filter((t) => t.reference);
      if (chosen.length === 0) throw new Error(l10n.t('An untagged image has no tag to copy; copy its ID from Inspect.'));
      await views.ui.copy(chosen.map((t) => t.reference).join('\n'));
    },
    'berth.images.prune': async (item) => {
      const session = await engineFor(services, item, l10n.t('Prune images of which engine?'));
      if (!session) return;
      const images = itemsOf(session.stores.images);
      const scope = await pickOne(prompts, [
        { label: l10n.t('Dangling images'), description: l10n.t('untagged images no container uses'), value: 'dangling' as const },
        { label: l10n.t('All unused images'), description: l10n.t('every image no container uses, tagged or not'), value: 'unused' as const },
      ], l10n.t('Prune images'));
      if (!scope) return;
      const dangling = images.filter((i) => i.repoTags.length === 0 && i.containers <= 0);
      return confirmAndPrune(services, {
        question: scope === 'dangling' ? l10n.t('Remove all dangling images?') : l10n.t('Remove all images no container uses?'),
        detail: scope === 'dangling'
          ? l10n.t('{0} now.', plural(dangling.length, 'dangling image'))
          : l10n.t('Tagged images such as {0} go too; pulling or building them again takes time.', listNames(images.filter((i) => i.repoTags.length > 0 && i.containers <= 0).map(imageLabel)) || l10n.t('none')),
        title: l10n.t('Pruning images'),
        noun: 'image layer',
        prune: (signal) => session.engine.images.prune({ all: scope === 'unused', signal }),
        refresh: () => session.stores.requestRefresh(['images']),
      });
    },
    'berth.images.toggleUntagged': () => views.setSetting('images.showUntagged', !ctx.config['images.showUntagged']),
  };
}


/** Image actions: inspect, tag, remove (saying which containers still use it), copy, prune. Pull Image Again is the registries' one pull path. */
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
      for (const t of await targets(item, selected, 'Inspect images')) await views.documents.open('image', t.image.id, nameOf(t), sessionOf(t.image).key);
    },
    'berth.images.tag': async (item, selected) => {
      const [t] = await targets(item, selected, 'Tag an image');
      if (!t) return;
      const reference = await prompts.input({
        title: `Tag ${nameOf(t)}`,
        prompt: 'The new reference: [registry/]repository[:tag], e.g. 127.0.0.1:5000/app:dev.',
        value: t.reference ?? '',
        validate: (text) => validateImageReference(text.trim()),
      });
      if (!reference) return;
      await views.ui.run(`Tagging ${nameOf(t)} as ${reference.trim()}`, [t], nameOf, () => engine(t).tag(t.image.id, reference.trim()));
      done([t]);
      return reference.trim();
    },
    'berth.images.remove': async (item, selected) => {
      const chosen = await targets(item, selected, 'Remove images');
      if (chosen.length === 0) return;
      const users = [...new Set(chosen.flatMap((t) => usersOf(t.image).map((c) => c.name)))];
      // Removing one tag of an image with several only untags it; say so.
      const untagOnly = chosen.filter((t) => t.reference && t.image.repoTags.length > 1).map(nameOf);
      const answer = await prompts.confirm(
        `Remove ${chosen.length === 1 ? `image ${nameOf(chosen[0])}` : plural(chosen.length, 'image')}?`,
        [
          chosen.length > 1 ? `${listNames(chosen.map(nameOf), 8)}.` : '',
          users.length > 0 ? `Still used by ${plural(users.length, 'container')}: ${listNames(users, 8)}. The engine refuses a plain Remove; Force Remove only takes the name away, and the image stays, untagged, while they use it.` : '',
          untagOnly.length > 0 ? `${listNames(untagOnly)} only lose${untagOnly.length === 1 ? 's' : ''} the tag: the image has other tags.` : '',
        ].filter(Boolean).join(' ') || 'The image is removed from the engine.',
        'Remove', 'Force Remove',
      );
      if (!answer) return;
      await views.ui.run(`Removing ${plural(chosen.length, 'image')}`, chosen, nameOf, (t) => engine(t).remove(t.reference ?? t.image.id, { force: answer === 'Force Remove' }));
      done(chosen);
    },
    'berth.images.copyTag': async (item, selected) => {
      const chosen = (await targets(item, selected, 'Copy image tags', true)).filter((t) => t.reference);
      if (chosen.length === 0) throw new Error('An untagged image has no tag to copy; copy its ID from Inspect.');
      await views.ui.copy(chosen.map((t) => t.reference).join('\n'));
    },
    'berth.images.prune': async (item) => {
      const session = await engineFor(services, item, 'Prune images of which engine?');
      if (!session) return;
      const images = itemsOf(session.stores.images);
      const scope = await pickOne(prompts, [
        { label: 'Dangling images', description: 'untagged images no container uses', value: 'dangling' as const },
        { label: 'All unused images', description: 'every image no container uses, tagged or not', value: 'unused' as const },
      ], 'Prune images');
      if (!scope) return;
      const dangling = images.filter((i) => i.repoTags.length === 0 && i.containers <= 0);
      return confirmAndPrune(services, {
        question: scope === 'dangling' ? 'Remove all dangling images?' : 'Remove all images no container uses?',
        detail: scope === 'dangling'
          ? `${plural(dangling.length, 'dangling image')} now.`
          : `Tagged images such as ${listNames(images.filter((i) => i.repoTags.length > 0 && i.containers <= 0).map(imageLabel)) || 'none'} go too; pulling or building them again takes time.`,
        title: 'Pruning images',
        noun: 'image layer',
        prune: (signal) => session.engine.images.prune({ all: scope === 'unused', signal }),
        refresh: () => session.stores.requestRefresh(['images']),
      });
    },
    'berth.images.toggleUntagged': () => views.setSetting('images.showUntagged', !ctx.config['images.showUntagged']),
  };
}


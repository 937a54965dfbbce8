/** Image actions: inspect, tag, remove (saying which containers still use it), copy, pull again, prune. */
import type { ImageSummary } from '../engine/types';
import { validateImageReference } from '../engine/validate';
import { formatSize } from '../views/format';
import { imageLabel, ImageTagNode, shortId } from '../views/imageItems';
import type { PickItem } from '../ui/prompt';
import { itemsOf } from '../state/store';
import { confirmAndPrune, listNames, pickOne, plural, targetsOrPick } from './explorerSupport';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';

/** What an image action acts on: an image, through one of its tags when it has any. */
interface ImageTarget {
  image: ImageSummary;
  reference?: string;
}

const nameOf = (t: ImageTarget) => t.reference ?? `<none> ${shortId(t.image.id)}`;

export function imageCommands(services: Services): CommandHandlers {
  const { context: ctx, views, stores, prompts } = services;
  const engine = () => ctx.engine.images;
  const all = () => itemsOf(stores.images);
  const pickItems = (taggedOnly: boolean) => all()
    .flatMap((image): ImageTarget[] => (image.repoTags.length > 0 ? image.repoTags.map((reference) => ({ image, reference })) : taggedOnly ? [] : [{ image }]))
    .map((t): PickItem<ImageTarget> => ({ label: nameOf(t), description: formatSize(t.image.size), value: t }));
  const targets = (item: unknown, selected: unknown, title: string, taggedOnly = false) =>
    targetsOrPick<ImageTagNode, ImageTarget>(prompts, item, selected, ['image'], (n) => ({ image: n.image, reference: n.reference }), () => pickItems(taggedOnly), title);
  const done = () => stores.requestRefresh(['images']);

  /** Containers (any state) created from this image: they keep it from being removed. */
  const usersOf = (image: ImageSummary) => itemsOf(stores.containers).filter((c) => c.imageId === image.id);

  return {
    'berth.images.inspect': async (item, selected) => {
      for (const t of await targets(item, selected, 'Inspect images')) await views.documents.open('image', t.image.id, nameOf(t));
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
      await views.ui.run(`Tagging ${nameOf(t)} as ${reference.trim()}`, [t], nameOf, () => engine().tag(t.image.id, reference.trim()));
      done();
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
          users.length > 0 ? `Still used by ${plural(users.length, 'container')}: ${listNames(users, 8)}. Removing it anyway needs Force Remove; the containers keep running on the removed image.` : '',
          untagOnly.length > 0 ? `${listNames(untagOnly)} only lose${untagOnly.length === 1 ? 's' : ''} the tag: the image has other tags.` : '',
        ].filter(Boolean).join(' ') || 'The image is removed from the engine.',
        'Remove', 'Force Remove',
      );
      if (!answer) return;
      await views.ui.run(`Removing ${plural(chosen.length, 'image')}`, chosen, nameOf, (t) => engine().remove(t.reference ?? t.image.id, { force: answer === 'Force Remove' }));
      done();
    },
    'berth.images.copyTag': async (item, selected) => {
      const chosen = (await targets(item, selected, 'Copy image tags', true)).filter((t) => t.reference);
      if (chosen.length === 0) throw new Error('An untagged image has no tag to copy; copy its ID from Inspect.');
      await views.ui.copy(chosen.map((t) => t.reference).join('\n'));
    },
    'berth.images.pull': async (item, selected) => {
      const chosen = (await targets(item, selected, 'Pull images again', true)).filter((t) => t.reference);
      if (chosen.length === 0) throw new Error('An untagged image cannot be pulled again: it has no reference.');
      await views.ui.run(`Pulling ${listNames(chosen.map(nameOf))}`, chosen, nameOf, (t, signal) => engine().pull(t.reference!, { signal }));
      done();
    },
    'berth.images.prune': async () => {
      const scope = await pickOne(prompts, [
        { label: 'Dangling images', description: 'untagged images no container uses', value: 'dangling' as const },
        { label: 'All unused images', description: 'every image no container uses, tagged or not', value: 'unused' as const },
      ], 'Prune images');
      if (!scope) return;
      const dangling = all().filter((i) => i.repoTags.length === 0 && i.containers <= 0);
      return confirmAndPrune(services, {
        question: scope === 'dangling' ? 'Remove all dangling images?' : 'Remove all images no container uses?',
        detail: scope === 'dangling'
          ? `${plural(dangling.length, 'dangling image')} now.`
          : `Tagged images such as ${listNames(all().filter((i) => i.repoTags.length > 0 && i.containers <= 0).map(imageLabel)) || 'none'} go too; pulling or building them again takes time.`,
        title: 'Pruning images',
        noun: 'image layer',
        prune: (signal) => engine().prune({ all: scope === 'unused', signal }),
        refresh: done,
      });
    },
    'berth.images.toggleUntagged': () => views.setSetting('images.showUntagged', !ctx.config['images.showUntagged']),
  };
}


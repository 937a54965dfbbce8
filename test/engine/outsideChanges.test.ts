/**
 * Engine tier: what other tools do to the engine shows in Berth's stores through the
 * engine's events alone (no safety refresh, no action of Berth's): a `docker commit`
 * made outside Berth, which the engine announces only as a container `commit` event.
 */
import { after, describe, it } from 'node:test';
import { ResourceStores } from '../../src/state/resources';
import { engineAdapter } from '../../src/state/engineSource';
import { itemsOf } from '../../src/state/store';
import { Leftovers, testDocker, testEngine, testImage, uniqueName, sameImage } from '../support/engine';
import { waitFor } from '../support/wait';

const engine = testEngine();
const made = new Leftovers();
const stores = new ResourceStores(engine, engineAdapter, { safetyRefreshMs: 0 });
after(async () => {
  stores.dispose();
  await made.clean(engine);
  await engine.dispose();
});

describe('changes made outside Berth', () => {
  it('an untagged image committed with another client shows in the Images store', async () => {
    const connected = new Promise<void>((resolve) => {
      const listener = stores.onDidChangeConnection((up) => {
        if (!up) return;
        listener.dispose();
        resolve();
      });
    });
    await stores.refresh();
    await connected;
    const container = await testDocker().createContainer({ Image: testImage, Cmd: ['true'] });
    made.containers.push(container.id);
    // dockerode, as the docker CLI would: Berth's engine client is not involved. Untagged,
    // as `docker commit CONTAINER` makes it: a tag would add an image event of its own.
    const { Id: id } = await container.commit({ changes: `LABEL berth.test=${uniqueName('commit')}` }) as { Id: string };
    made.images.push(id);
    await waitFor(() => itemsOf(stores.images).some((image) => sameImage(image.id, id)), `the committed image ${id.slice(7, 19)} in the Images store`, 15_000);
  });
});

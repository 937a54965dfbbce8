/** Engine tier: pull, push and login against real registries (one open, one with htpasswd auth). */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { EngineError } from '../../src/engine/errors';
import type { ProgressEvent } from '../../src/engine/types';
import { Leftovers, testAuthRegistry, testEngine, testImage, testRegistry, uniqueName, sameImage, testEngineKind } from '../support/engine';

const engine = testEngine();
const made = new Leftovers();
after(async () => {
  await made.clean(engine);
  await engine.dispose();
});

const name = (): string => `berth/${uniqueName('r').slice(-12)}`;

describe('registry: push and pull', () => {
  it('pushes with progress, removes locally, pulls back', async () => {
    const ref = `${testRegistry()}/${name()}:dev`;
    await engine.images.tag(testImage, ref);
    made.images.push(ref);
    const pushed: ProgressEvent[] = [];
    const digest = await engine.images.push(ref, { onProgress: (e) => pushed.push(e) });
    assert.match(digest ?? '', /^sha256:[0-9a-f]{64}$/);
    // dockerd reports each layer (Preparing, Pushed); Podman only the repository and the digest line.
    if (testEngineKind() === 'podman') assert.ok(pushed.some((e) => e.status?.startsWith('The push refers to repository')), JSON.stringify(pushed));
    else assert.ok(pushed.some((e) => e.id && e.status === 'Preparing'), JSON.stringify(pushed));
    await engine.images.remove(ref);
    const pulled: ProgressEvent[] = [];
    await engine.images.pull(ref, { onProgress: (e) => pulled.push(e) });
    // dockerd ends with a summary line, Podman reports the layers only.
    const done = testEngineKind() === 'podman' ? /Download complete|Already exists/ : /Downloaded newer image|Image is up to date/;
    assert.ok(pulled.some((e) => done.test(e.status ?? '')), JSON.stringify(pulled));
    assert.ok((await engine.images.inspect(ref)).repoDigests.some((d) => d.endsWith(digest ?? 'none')));
  });

  it('pulls every tag of a repository (pull -a), and refuses a reference with a tag for it', async () => {
    const repo = `${testRegistry()}/${name()}`;
    for (const tag of ['one', 'two']) {
      await engine.images.tag(testImage, `${repo}:${tag}`);
      made.images.push(`${repo}:${tag}`);
      await engine.images.push(`${repo}:${tag}`);
      await engine.images.remove(`${repo}:${tag}`);
    }
    await engine.images.pullAllTags(repo);
    for (const tag of ['one', 'two']) assert.ok((await engine.images.inspect(`${repo}:${tag}`)).repoTags.includes(`${repo}:${tag}`), `${tag} was pulled`);
    await assert.rejects(engine.images.pullAllTags(`${repo}:one`), (e: EngineError) => e.kind === 'badRequest' && /takes the repository alone/.test(e.message));
  });

  it('pulling a missing image is notFound', async () => {
    await assert.rejects(engine.images.pull(`${testRegistry()}/berth/does-not-exist:nope`), (e: EngineError) => {
      assert.equal(e.kind, 'notFound', e.message);
      return true;
    });
  });
});

describe('registry: authentication', () => {
  const { host, username, password } = testAuthRegistry();

  it('checks a login and refuses a wrong password without echoing it', async () => {
    const ok = await engine.system.login({ username, password, serveraddress: host });
    assert.match(ok.status, /Login Succeeded/);
    const wrong = `wrong-${password}-x`;
    await assert.rejects(engine.system.login({ username, password: wrong, serveraddress: host }), (e: EngineError) => {
      // Engines from API 1.42 answer 401 (unauthorized); 20.10 answers 500 with the registry's words.
      assert.ok(e.kind === 'unauthorized' || (e.kind === 'server' && e.statusCode === 500), `${e.kind}: ${e.message}`);
      assert.match(e.message, /401/);
      assert.ok(!e.detail.includes(wrong) && !e.detail.includes(password), e.detail);
      return true;
    });
  });

  it('pushes and pulls with credentials; anonymous push fails clearly', async () => {
    const ref = `${host}/${name()}:auth`;
    await engine.images.tag(testImage, ref);
    made.images.push(ref);
    await assert.rejects(engine.images.push(ref), (e: EngineError) => {
      assert.ok(e instanceof EngineError);
      assert.match(e.message, /auth/i);
      return true;
    });
    const auth = { username, password, serveraddress: host };
    await engine.images.push(ref, { auth });
    await engine.images.remove(ref);
    await assert.rejects(engine.images.pull(ref), (e: EngineError) => e instanceof EngineError && !e.detail.includes(password));
    await engine.images.pull(ref, { auth });
    assert.ok((await engine.images.inspect(ref)).repoTags.some((t) => sameImage(t, ref)));
  });

  it('scrubs the password from failures of calls that carried it', async () => {
    // A (wrong) password that the registry's refusal is sure to contain ("authentication required").
    const secret = 'authentication';
    await assert.rejects(engine.images.pull(`${host}/berth/none:x`, { auth: { username, password: secret, serveraddress: host } }), (e: EngineError) => {
      assert.ok(!e.detail.includes(secret), e.detail);
      assert.match(e.detail, /\*\*\*/);
      return true;
    });
  });
});

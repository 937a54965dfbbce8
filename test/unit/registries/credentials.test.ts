import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Credentials, SecretStore } from '../../../src/registries/credentials';
import { parseDockerConfig } from '../../../src/registries/dockerConfig';

class MemorySecrets implements SecretStore {
  readonly map = new Map<string, string>();
  async get(key: string): Promise<string | undefined> { return this.map.get(key); }
  async store(key: string, value: string): Promise<void> { this.map.set(key, value); }
  async delete(key: string): Promise<void> { this.map.delete(key); }
}

describe('credentials', () => {
  const dockerConfig = parseDockerConfig(JSON.stringify({ auths: { 'ghcr.io': { username: 'docker-user', password: 'docker-pw' } } }));

  it('prefers Berth\'s own login, then docker\'s, and forgets Berth\'s on log out', async () => {
    const secrets = new MemorySecrets();
    const credentials = new Credentials(secrets, async () => dockerConfig, async () => ({ ok: false, stdout: '' }));
    let changes = 0;
    credentials.onDidChange(() => changes++);
    assert.equal((await credentials.forRegistry('ghcr.io'))?.source, 'docker config');
    await credentials.logIn('https://ghcr.io/', 'me', 'berth-pw');
    assert.deepEqual(await credentials.berthLogins(), ['ghcr.io']);
    const mine = await credentials.forRegistry('ghcr.io');
    assert.equal(mine?.source, 'Berth');
    assert.equal(mine?.secret, 'berth-pw');
    assert.deepEqual(await credentials.engineAuth('ghcr.io'), { username: 'me', password: 'berth-pw', serveraddress: 'ghcr.io' });
    assert.equal(await credentials.logOut('ghcr.io'), true);
    assert.equal(await credentials.logOut('ghcr.io'), false);
    assert.deepEqual(await credentials.berthLogins(), []);
    assert.equal((await credentials.forRegistry('ghcr.io'))?.source, 'docker config');
    assert.equal(await credentials.engineAuth('quay.io'), undefined);
    assert.equal(changes, 3);
  });

  it('keeps secrets only in the secret store', async () => {
    const secrets = new MemorySecrets();
    const credentials = new Credentials(secrets, async () => parseDockerConfig('{}'));
    await credentials.logIn('docker.io', 'me', 'hub-pw');
    assert.deepEqual(await credentials.engineAuth('index.docker.io'), { username: 'me', password: 'hub-pw', serveraddress: 'https://index.docker.io/v1/' });
    for (const key of secrets.map.keys()) assert.ok(!key.includes('hub-pw'));
  });
});

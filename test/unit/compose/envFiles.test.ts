import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { envFileCandidates, EnvFileChoices } from '../../../src/compose/envFiles';

/** A workspace state kept in a Map, as VS Code's Memento keeps it for the session. */
function memento(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => {
      if (value === undefined) values.delete(key);
      else values.set(key, value);
    },
  } as vscode.Memento;
}

describe('compose env files', () => {
  it('offers .env, .env.<name> and <name>.env from a folder, nothing else', () => {
    assert.deepEqual(envFileCandidates(['compose.yaml', '.env', '.env.prod', 'staging.env', '.envrc', 'env', '.env.example', 'notes.txt', '.env']), ['.env', '.env', '.env.example', '.env.prod', 'staging.env']);
  });

  it('remembers a choice per project folder, and the folder\'s own .env clears it', async () => {
    const choices = new EnvFileChoices(memento());
    assert.equal(choices.of('/w/app'), undefined);
    await choices.set('/w/app', '/w/app/.env.prod');
    await choices.set('/w/other', '/w/shared/other.env');
    assert.equal(choices.of('/w/app'), '/w/app/.env.prod');
    assert.equal(choices.of('/w/other'), '/w/shared/other.env');
    await choices.set('/w/app', '/w/app/.env');
    assert.equal(choices.of('/w/app'), undefined);
    assert.equal(choices.of('/w/other'), '/w/shared/other.env');
    await choices.set('/w/other', undefined);
    assert.equal(choices.of('/w/other'), undefined);
  });
});

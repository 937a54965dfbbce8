/**
 * Which credential to use for a registry: Berth's own logins (kept in VS Code's
 * SecretStorage, behind the small SecretStore interface so this file has no vscode
 * import) first, then what `docker login` stored. Secrets never leave this module
 * except as the auth object handed to the engine or the registry client.
 */
import { Credential, DockerConfig, dockerCredential, HelperRunner, normalizeRegistry, readDockerConfig, runHelper, serverUrlFor } from './dockerConfig';

/** The subset of vscode.SecretStorage Berth uses. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** The auth object the engine takes in X-Registry-Auth. */
export interface EngineAuth {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

const secretKey = (registry: string): string => `berth.registries.credential:${normalizeRegistry(registry)}`;
const indexKey = 'berth.registries.logins';

export class Credentials {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly loadDockerConfig: () => Promise<DockerConfig> = () => readDockerConfig(),
    private readonly helper: HelperRunner = runHelper,
  ) {}

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Registries Berth holds a login for (names only: the index is not secret but lives beside the secrets). */
  async berthLogins(): Promise<string[]> {
    const text = await this.secrets.get(indexKey);
    try {
      const list = JSON.parse(text ?? '[]') as unknown;
      return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  async logIn(registry: string, username: string, secret: string): Promise<void> {
    const name = normalizeRegistry(registry);
    await this.secrets.store(secretKey(name), JSON.stringify({ username, secret }));
    const logins = await this.berthLogins();
    if (!logins.includes(name)) await this.secrets.store(indexKey, JSON.stringify([...logins, name]));
    this.fire();
  }

  /** Forgets Berth's own login. Returns false when Berth held none (docker's own logins stay docker's). */
  async logOut(registry: string): Promise<boolean> {
    const name = normalizeRegistry(registry);
    const logins = await this.berthLogins();
    const had = (await this.secrets.get(secretKey(name))) !== undefined;
    await this.secrets.delete(secretKey(name));
    if (logins.includes(name)) await this.secrets.store(indexKey, JSON.stringify(logins.filter((l) => l !== name)));
    this.fire();
    return had || logins.includes(name);
  }

  /** Berth's own login for the registry, if any. */
  async berthCredential(registry: string): Promise<Credential | undefined> {
    const text = await this.secrets.get(secretKey(registry));
    if (!text) return undefined;
    try {
      const { username, secret } = JSON.parse(text) as { username?: unknown; secret?: unknown };
      if (typeof secret !== 'string' || !secret) return undefined;
      return { username: typeof username === 'string' ? username : '', secret, identityToken: false, source: 'Berth' };
    } catch {
      return undefined;
    }
  }

  /** Berth's login, else docker's (helpers, then config.json). */
  async forRegistry(registry: string): Promise<Credential | undefined> {
    return (await this.berthCredential(registry)) ?? dockerCredential(await this.loadDockerConfig(), registry, this.helper);
  }

  /** The engine's auth object for a registry, or undefined for anonymous access. */
  async engineAuth(registry: string): Promise<EngineAuth | undefined> {
    const credential = await this.forRegistry(registry);
    return credential ? toEngineAuth(registry, credential) : undefined;
  }

  async dockerConfig(): Promise<DockerConfig> {
    return this.loadDockerConfig();
  }

  private fire(): void {
    for (const listener of this.listeners) listener();
  }
}

export function toEngineAuth(registry: string, credential: Credential): EngineAuth {
  const serveraddress = serverUrlFor(registry);
  return credential.identityToken
    ? { identitytoken: credential.secret, serveraddress }
    : { username: credential.username, password: credential.secret, serveraddress };
}

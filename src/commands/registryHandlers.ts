/**
 * Registries: add/remove, Log In/Log Out (Berth's own credentials in SecretStorage),
 * browse (the view), pull/copy/inspect/delete a tag, Pull… by reference, and Docker
 * Hub search through the engine. No secret is ever written to the log or a message.
 */
import * as vscode from 'vscode';
import { EngineError, validate } from '../engine';
import { RegistryClient, RegistryError } from '../registries/client';
import { isDockerHub, normalizeRegistry, serverUrlFor } from '../registries/dockerConfig';
import { RegistryNode, tagReference } from '../registries/items';
import { TransferProgress } from '../tasks/progress';
import { itemsOf } from '../state/store';
import type { Prompter } from '../ui/prompt';
import { formatSize } from '../views/format';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';
import { currentEngineOnly } from './explorerSupport';

function checkRegistry(value: string): string | undefined {
  const name = normalizeRegistry(value);
  if (!name) return vscode.l10n.t('The registry is empty (e.g. registry.example.com or 127.0.0.1:5000).');
  return validate.validateRegistryHost(name);
}

async function registryFrom(prompts: Prompter, item: unknown, title: string): Promise<string | undefined> {
  const node = item as RegistryNode | undefined;
  if (node && typeof node === 'object' && 'registry' in node && typeof node.registry === 'string') return node.registry;
  if (typeof item === 'string' && item) {
    // A registry handed in as text is checked like a typed one, before anything uses it.
    const problem = checkRegistry(item);
    if (problem) throw new Error(problem);
    return normalizeRegistry(item);
  }
  const value = await prompts.input({ title, prompt: vscode.l10n.t('Registry host[:port], e.g. ghcr.io or 127.0.0.1:5000 (docker.io for Docker Hub)'), validate: checkRegistry });
  return value === undefined ? undefined : normalizeRegistry(value);
}

function tagFrom(item: unknown): { registry: string; repository: string; tag: string } {
  const node = item as RegistryNode | undefined;
  if (!node || node.kind !== 'tag') throw new Error(vscode.l10n.t('Choose a tag in the Registries view.'));
  return node;
}

export function registryHandlers(services: Services): CommandHandlers {
  const { registries, prompts } = services;
  const log = services.context.log;

  /** Pulls one reference, or with `allTags` every tag of a repository (`docker pull -a`); says when it finished. */
  const pull = async (reference: string, allTags = false): Promise<{ ok: true; digest?: string; message: string }> => {
    const problem = validate.validateImageReference(reference);
    if (problem) throw new Error(problem);

    const registry = validate.registryOf(reference);
    const auth = await registries.credentials.engineAuth(registry);
    const progress = new TransferProgress();
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: allTags ? vscode.l10n.t('Pulling every tag of {0}', reference) : vscode.l10n.t('Pulling {0}', reference), cancellable: true }, async (report, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      let shown = 0;
      const images = services.context.engine.images;
      await (allTags ? images.pullAllTags.bind(images) : images.pull.bind(images))(reference, {
        auth, signal: abort.signal,
        onProgress: (event) => {
          if (!progress.update(event)) return;
          const { current, total } = progress.bytes;
          const percent = total > 0 ? Math.floor((current / total) * 100) : 0;
          report.report({ message: progress.summary(formatSize), increment: Math.max(0, percent - shown) });
          shown = Math.max(shown, percent);
        },
      }).catch((error: unknown) => {
        if (error instanceof EngineError && error.kind !== 'cancelled' && !auth && !isDockerHub(registry)) {
          throw new EngineError(error.kind, vscode.l10n.t('Pulling {0} failed: {1}', reference, error.message), vscode.l10n.t('If {0} needs a login, run Berth: Log In to Registry… first.', registry));
        }
        throw error;
      });
    });
    const summary = progress.summary(formatSize);
    const message = allTags ? vscode.l10n.t('Pulled every tag of {0} ({1}).', reference, summary)
      : progress.digest ? vscode.l10n.t('Pulled {0} ({1}), digest {2}.', reference, summary, progress.digest)
        : vscode.l10n.t('Pulled {0} ({1}).', reference, summary);
    log.info(message);
    void vscode.window.showInformationMessage(message);
    void services.views.refreshAll();
    return { ok: true, digest: progress.digest, message };
  };

  return {
    'berth.registries.refresh': () => registries.provider.refresh(),
    'berth.registries.add': async () => {
      const registry = await registryFrom(prompts, undefined, vscode.l10n.t('Add Registry'));
      if (!registry) return undefined;
      await registries.provider.add(registry);
      return registry;
    },
    'berth.registries.remove': async (item) => {
      const registry = await registryFrom(prompts, item, vscode.l10n.t('Remove Registry'));
      if (!registry) return undefined;
      await registries.provider.remove(registry);
      return registry;
    },
    'berth.registries.logIn': async (item) => {
      const registry = await registryFrom(prompts, item, vscode.l10n.t('Log In to Registry'));
      if (!registry) return undefined;
      const username = await prompts.input({ title: vscode.l10n.t('Log In to {0}: user name', registry), validate: (v) => (v.trim() ? undefined : vscode.l10n.t('The user name is empty.')) });
      if (username === undefined) return undefined;
      const password = await prompts.input({ title: vscode.l10n.t('Log In to {0}: password or access token', registry), password: true, validate: (v) => (v ? undefined : vscode.l10n.t('The password (or access token) is empty.')) });
      if (password === undefined) return undefined;
      // Check it with the engine (like `docker login`) before keeping it; a refusal never repeats the password.
      const refused = new EngineError('unauthorized', vscode.l10n.t('{0} refused the login for {1}.', registry, username.trim()), vscode.l10n.t('Check the user name and password (or token) and try again.'));
      const result = await services.context.engine.system.login({ username: username.trim(), password, serveraddress: serverUrlFor(registry) }).catch(async (error: unknown) => {
        if (error instanceof EngineError && error.kind === 'unauthorized') throw refused;
        // Engines report some refusals as a 500; ask the registry itself, by status code, whether it was the credential.
        if (!isDockerHub(registry) && !(error instanceof EngineError && (error.kind === 'unreachable' || error.kind === 'tls'))) {
          const credential = { username: username.trim(), secret: password, identityToken: false, source: 'Berth' };
          const wrong = await new RegistryClient(registry, { credential: async () => credential, timeoutMs: 10_000 }).ping()
            .then(() => false, (e: unknown) => e instanceof RegistryError && e.kind === 'unauthorized');
          if (wrong) throw refused;
        }
        throw error;
      });
      await registries.credentials.logIn(registry, username.trim(), password);
      log.info(vscode.l10n.t('Logged in to {0} as {1} ({2}); the credential is kept in VS Code\'s secret storage.', registry, username.trim(), result.status));
      void vscode.window.showInformationMessage(vscode.l10n.t('Logged in to {0} as {1}.', registry, username.trim()));
      return { registry, username: username.trim() };
    },
    'berth.registries.logOut': async (item) => {
      const registry = await registryFrom(prompts, item, vscode.l10n.t('Log Out of Registry'));
      if (!registry) return undefined;
      const had = await registries.credentials.logOut(registry);
      const still = await registries.credentials.forRegistry(registry);
      const message = had
        ? (still ? vscode.l10n.t('Logged out of {0}. Docker\'s own login ({1}) still applies: use `docker logout {0}` to remove it.', registry, still.source) : vscode.l10n.t('Logged out of {0}.', registry))
        : (still ? vscode.l10n.t('Berth holds no login for {0}. The credential in use comes from {1}: use `docker logout {0}`.', registry, still.source) : vscode.l10n.t('Berth holds no login for {0}.', registry));
      log.info(message);
      void vscode.window.showInformationMessage(message);
      return { registry, loggedOut: had };
    },
    'berth.registries.searchHub': async () => {
      const term = await prompts.input({ title: vscode.l10n.t('Search Docker Hub'), prompt: vscode.l10n.t('Search term (a registry prefix like 127.0.0.1:5000/app searches that registry)'), validate: (v) => (v.trim() ? undefined : vscode.l10n.t('The search term is empty.')) });
      if (term === undefined) return undefined;
      const results = await services.context.engine.images.search(term.trim(), { limit: 50, auth: await registries.credentials.engineAuth(validate.registryOf(term.trim())) }).catch((error: unknown) => {
        const said = error instanceof EngineError ? error.message : String(error);
        throw new EngineError('unreachable', vscode.l10n.t('Searching for "{0}" failed: the engine could not reach the registry\'s search service ({1}).', term.trim(), said), vscode.l10n.t('The engine\'s host needs access to Docker Hub (or the named registry) for search.'));
      });
      const picked = await prompts.pick(results.map((r) => ({ label: r.name, description: `${r.official ? `${vscode.l10n.t('official')} · ` : ''}★ ${r.stars}`, detail: r.description, value: r.name })), { title: `Docker Hub: ${term.trim()}`, placeholder: results.length ? vscode.l10n.t('Choose an image to pull') : vscode.l10n.t('No results') });
      if (picked) await pull(picked.includes(':') && !picked.includes('/') ? picked : `${picked}:latest`);
      return results;
    },
    'berth.registries.pullTag': (item) => pull(tagReference(tagFrom(item))),
    'berth.registries.copyReference': async (item) => {
      const reference = tagReference(tagFrom(item));
      await vscode.env.clipboard.writeText(reference);
      return reference;
    },
    'berth.registries.inspectManifest': async (item) => {
      const node = tagFrom(item);
      const manifest = await registries.provider.client(node.registry).manifest(node.repository, node.tag);
      const content = JSON.stringify({ reference: tagReference(node), digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.size, manifest: manifest.body }, null, 2);
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content });
      await vscode.window.showTextDocument(doc, { preview: true });
      return manifest;
    },
    'berth.registries.deleteTag': async (item) => {
      const node = tagFrom(item);
      const reference = tagReference(node);
      const deleteButton = vscode.l10n.t('Delete');
      const sure = (await prompts.confirm(vscode.l10n.t('Delete {0} from {1}?', reference, node.registry), vscode.l10n.t('The registry deletes the manifest: every tag pointing at the same digest goes with it.'), deleteButton)) === deleteButton;
      if (!sure) return undefined;
      const digest = await registries.provider.client(node.registry).deleteTag(node.repository, node.tag);
      log.info(vscode.l10n.t('Deleted {0} ({1}) from {2}.', reference, digest, node.registry));
      registries.provider.refresh();
      return digest;
    },
    // Pull Image Again: the same path as every pull, so a private image gets the registry's login.
    'berth.images.pull': async (item, selected) => {
      const nodes = (selected && selected.length > 0 ? selected : [item]) as ({ kind?: string; reference?: string } | undefined)[];
      for (const node of nodes) currentEngineOnly(services, node, vscode.l10n.t('Pull Image Again'));
      let references = nodes.filter((n) => n?.kind === 'image' && n.reference).map((n) => n!.reference!);
      if (references.length === 0 && item === undefined) {
        // From the palette: the tagged images the Images view knows.
        const tags = itemsOf(services.stores.images).flatMap((image) => image.repoTags);
        references = (await prompts.pickMany(tags.map((t) => ({ label: t, value: t })), { title: vscode.l10n.t('Pull images again') })) ?? [];
        if (references.length === 0) return undefined;
      }
      if (references.length === 0) throw new Error(vscode.l10n.t('Pull Image Again: choose a tagged image in the Images view (an untagged image has no reference to pull).'));
      const results = [];
      for (const reference of references) results.push(await pull(reference));
      return results;
    },
    'berth.images.pullAllTags': async (item) => {
      const given = typeof item === 'string' ? item : undefined;
      const repository = given ?? await prompts.input({
        title: vscode.l10n.t('Pull All Tags (docker pull -a)'), prompt: vscode.l10n.t('Repository without a tag, e.g. 127.0.0.1:5000/app'),
        validate: (v) => validate.validateImageReference(v.trim()) ?? (/:[^/]+$/.test(v.trim()) || v.includes('@') ? vscode.l10n.t('Give the repository alone: every one of its tags is pulled.') : undefined),
      });
      if (repository === undefined) return undefined;
      return pull(repository.trim(), true);
    },
    'berth.images.pullReference': async (item) => {
      const given = typeof item === 'string' ? item : undefined;
      const reference = given ?? await prompts.input({ title: vscode.l10n.t('Pull Image'), prompt: vscode.l10n.t('Image reference, e.g. 127.0.0.1:5000/app:dev or busybox:latest'), validate: (v) => validate.validateImageReference(v.trim()) });
      if (reference === undefined) return undefined;
      return pull(reference.trim());
    },
  };
}

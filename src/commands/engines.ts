/**
 * The Engines view's actions: use an engine (Berth's own choice, berth.context or
 * berth.host; the docker CLI's context changes only with "Use in the docker CLI"), pin
 * and unpin engines shown side by side in the explorer, create, inspect and remove
 * contexts in the docker CLI's context store, and add endpoints. A new context or
 * endpoint is connected to (/_ping) before it is saved.
 */
import * as l10n from '@vscode/l10n';
import { createContext, inspectContext, NewContext, removeContext, validateContextName } from '../engine/contextStore';
import { useContext } from '../engine/contexts';
import { Endpoint, TlsFiles, validateEndpointUrl } from '../engine/endpoint';
import { EngineRef, engineRefKey, validateAddedEndpoint } from '../engine/engineRefs';
import { describeStatus } from '../engine/probe';
import { describeError } from '../errorText';
import type { EngineRow } from '../engines/rows';
import type { Services } from '../services';
import { pickOne } from './explorerSupport';
import type { CommandHandlers } from './handler';

function isRow(item: unknown): item is EngineRow {
  return typeof item === 'object' && item !== null && (item as { kind?: string }).kind === 'engineEntry';
}

type TlsChoice = 'none' | 'verify' | 'skip';

export function engineCommands(services: Services): CommandHandlers {
  const { prompts, views } = services;

  /** The row a menu passed, or the person's pick among the rows that pass `filter`. */
  const rowOf = async (item: unknown, title: string, filter: (row: EngineRow) => boolean = () => true): Promise<EngineRow | undefined> => {
    if (isRow(item)) return item;
    const rows = services.engines.rows().filter(filter);
    return pickOne(prompts, rows.map((row) => ({ label: row.ref.name, description: [row.url, row.current ? l10n.t('current') : '', row.pinned ? l10n.t('pinned') : ''].filter(Boolean).join(' · '), value: row })), title);
  };

  /**
   * Connects before saving. A person may still save an engine that is down now (a
   * laptop's remote engine), but only after being told what failed.
   */
  const checked = async (name: string, endpoint: Endpoint): Promise<boolean> => {
    const status = await services.engines.probe(endpoint);
    if (status.reachable) {
      services.context.log.info(l10n.t('Checked {0} ({1}): {2}.', name, endpoint.url, describeStatus(status)));
      return true;
    }
    const saveAnyway = l10n.t('Save Anyway');
    const answer = await prompts.confirm(l10n.t('{0} does not answer.', name), l10n.t('{0} Save it anyway?', describeError(status.error)), saveAnyway);
    return answer === saveAnyway;
  };

  /** For a tcp:// endpoint: TLS or not, and its files; undefined when cancelled. */
  const askTls = async (url: string, title: string): Promise<{ choice: TlsChoice; files: { ca?: string; cert?: string; key?: string } } | undefined> => {
    if (!url.startsWith('tcp://')) return { choice: 'none', files: {} };
    const choice = await pickOne<TlsChoice>(prompts, [
      { label: l10n.t('TLS, verifying the engine'), description: l10n.t('a CA file, and a client certificate and key if the engine asks for one'), value: 'verify' },
      { label: l10n.t('TLS without verifying the engine'), description: l10n.t('skip-tls-verify: the connection is encrypted but anyone could answer'), value: 'skip' },
      { label: l10n.t('No TLS'), description: l10n.t('plain tcp: only on a network you trust'), value: 'none' },
    ], title);
    if (!choice) return undefined;
    if (choice === 'none') return { choice, files: {} };
    const ca = choice === 'verify' ? (await prompts.file({ title: l10n.t('{0}: the CA certificate (ca.pem)', title) }))?.fsPath : undefined;
    if (choice === 'verify' && !ca) return undefined;
    const client = await pickOne(prompts, [
      { label: l10n.t('With a client certificate'), description: 'cert.pem, key.pem', value: true },
      { label: l10n.t('Without a client certificate'), value: false },
    ], l10n.t('{0}: client certificate', title));
    if (client === undefined) return undefined;
    if (!client) return { choice, files: { ca } };
    const cert = (await prompts.file({ title: l10n.t('{0}: the client certificate (cert.pem)', title) }))?.fsPath;
    const key = cert && (await prompts.file({ title: l10n.t('{0}: the client key (key.pem)', title) }))?.fsPath;
    if (!cert || !key) return undefined;
    return { choice, files: { ca, cert, key } };
  };

  const tlsFilesOf = (tls: { choice: TlsChoice; files: { ca?: string; cert?: string; key?: string } }): TlsFiles | undefined =>
    (tls.choice === 'none' ? undefined : { verify: tls.choice === 'verify', ...tls.files });

  /** Berth's own choice of engine; the docker CLI's current context stays. */
  const use = async (ref: EngineRef): Promise<string> => {
    if (ref.kind === 'context') {
      await views.setSetting('context', ref.name);
      await views.setSetting('host', '');
    } else {
      await views.setSetting('host', ref.url);
    }
    return services.context.engine.endpoint.url;
  };

  return {
    'berth.engines.refresh': () => services.engines.refresh(),
    'berth.engines.use': async (item) => {
      const row = await rowOf(item, l10n.t('Use which engine?'));
      return row && use(row.ref);
    },
    'berth.engines.pin': async (item) => {
      const row = await rowOf(item, l10n.t('Pin which engine beside the current one?'), (r) => !r.pinned);
      if (row) await services.engines.sessions.pin(row.ref);
    },
    'berth.engines.unpin': async (item) => {
      // A pinned engine's group in the explorer carries its session, and the session its ref.
      const groupRef = (item as { kind?: string; session?: { ref?: EngineRef } } | undefined)?.kind === 'engine' ? (item as { session: { ref?: EngineRef } }).session.ref : undefined;
      const ref = groupRef ?? (await rowOf(item, l10n.t('Unpin which engine?'), (r) => r.pinned))?.ref;
      if (ref) await services.engines.sessions.unpin(ref);
    },
    'berth.engines.useInCli': async (item) => {
      const row = await rowOf(item, l10n.t('Make which context the docker CLI\'s current one?'), (r) => r.ref.kind === 'context' && !r.cli);
      if (!row) return;
      if (row.ref.kind !== 'context') throw new Error(l10n.t('{0} is an endpoint added in Berth, not a Docker context; the docker CLI knows only contexts.', row.ref.name));
      await useContext(row.ref.name);
      services.context.log.info(l10n.t('The docker CLI\'s current context is now "{0}", as asked.', row.ref.name));
      services.engines.provider.rerender();
    },
    'berth.engines.createContext': async () => {
      const existing = new Set(services.engines.rows().filter((r) => r.ref.kind === 'context').map((r) => r.ref.name));
      const name = await prompts.input({
        title: l10n.t('Create Docker context: name'),
        prompt: l10n.t('The docker CLI sees it too (docker context ls).'),
        validate: (text) => validateContextName(text) ?? (existing.has(text.trim()) ? l10n.t('A context named "{0}" already exists.', text.trim()) : undefined),
      });
      if (!name) return;
      const host = await prompts.input({ title: l10n.t('Context {0}: engine endpoint', name.trim()), placeholder: l10n.t('unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host'), validate: validateEndpointUrl });
      if (!host) return;
      const description = await prompts.input({ title: l10n.t('Context {0}: description (may be empty)', name.trim()) });
      if (description === undefined) return;
      const tls = await askTls(host.trim(), l10n.t('Context {0}', name.trim()));
      if (!tls) return;
      const context: NewContext = { name: name.trim(), host: host.trim(), description, tls: tls.files, skipTlsVerify: tls.choice === 'skip' };
      if (!(await checked(context.name, { url: context.host, source: 'context', why: l10n.t('the new context "{0}"', context.name), tls: tlsFilesOf(tls) }))) return;
      await createContext(context);
      services.engines.provider.rerender();
      void services.engines.refresh();
      return context.name;
    },
    'berth.engines.addEndpoint': async () => {
      const taken = services.engines.list.added();
      const url = await prompts.input({
        title: l10n.t('Add endpoint: URL'),
        placeholder: l10n.t('unix:///run/user/1000/podman/podman.sock, tcp://host:2376 or ssh://user@host'),
        validate: (text) => validateEndpointUrl(text) ?? validateAddedEndpoint('-', text, taken),
      });
      if (!url) return;
      const name = await prompts.input({ title: l10n.t('Endpoint {0}: name', url.trim()), value: url.trim().replace(/^[a-z]+:\/\//, ''), validate: (text) => validateAddedEndpoint(text, url, taken) });
      if (!name) return;
      const tls = await askTls(url.trim(), l10n.t('Endpoint {0}', name.trim()));
      if (!tls) return;
      const ref: EngineRef = { kind: 'endpoint', name: name.trim(), url: url.trim(), ...(tlsFilesOf(tls) ? { tls: tlsFilesOf(tls) } : {}) };
      if (!(await checked(ref.name, { url: ref.url, source: 'setting', why: l10n.t('the new endpoint "{0}"', ref.name), tls: ref.tls }))) return;
      await services.engines.list.add(ref);
      services.engines.provider.rerender();
      void services.engines.refresh();
      return engineRefKey(ref);
    },
    'berth.engines.inspect': async (item) => {
      const row = await rowOf(item, l10n.t('Inspect which engine?'));
      if (!row) return;
      const value = row.ref.kind === 'context' && row.ref.name !== 'default'
        ? await inspectContext(row.ref.name)
        : { Name: row.ref.name, Endpoint: row.url, TLS: row.ref.kind === 'endpoint' ? row.ref.tls ?? null : row.tls, Source: row.ref.kind === 'context' ? l10n.t('the docker CLI\'s default context (DOCKER_HOST or the default socket)') : l10n.t('added in Berth') };
      await views.ui.showJson(value);
      return value;
    },
    'berth.engines.remove': async (item) => {
      const row = await rowOf(item, l10n.t('Remove which engine?'), (r) => !(r.ref.kind === 'context' && r.ref.name === 'default'));
      if (!row) return;
      if (row.current) throw new Error(l10n.t('{0} is the engine Berth uses now; switch to another engine first.', row.ref.name));
      const question = row.ref.kind === 'context' ? l10n.t('Remove the Docker context "{0}"?', row.ref.name) : l10n.t('Remove the endpoint "{0}"?', row.ref.name);
      const detail = row.ref.kind === 'context' ? l10n.t('It is removed from the docker CLI\'s context store too (docker context rm), with its TLS files.') : l10n.t('Berth forgets it; the engine itself is not touched.');
      if (!(await prompts.confirm(question, detail, l10n.t('Remove')))) return;
      if (row.pinned) await services.engines.sessions.unpin(row.ref);
      if (row.ref.kind === 'context') await removeContext(row.ref.name);
      else await services.engines.list.remove(row.ref);
      services.engines.provider.rerender();
    },
  };
}

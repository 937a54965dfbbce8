/**
 * The Engines view's rows as pure data and item specs: every Docker context and every
 * endpoint added in Berth, each with whether it answers, which engine and version it is,
 * its counts, and whether it is Berth's engine now, pinned, or the docker CLI's context.
 */
import * as l10n from '@vscode/l10n';
import type { ContextInfo } from '../engine/contexts';
import type { Endpoint } from '../engine/endpoint';
import { EngineRef, engineRefKey } from '../engine/engineRefs';
import { describeStatus, EngineStatus } from '../engine/probe';
import { describeError } from '../errorText';
import { mdCode, mdText } from '../views/markdown';
import type { ItemSpec } from '../views/spec';

export interface EngineRow {
  kind: 'engineEntry';
  ref: EngineRef;
  url: string;
  tls: boolean;
  /** A context's description. */
  description: string;
  /** Berth's engine now (berth.context / berth.host). */
  current: boolean;
  /** The docker CLI's current context. */
  cli: boolean;
  pinned: boolean;
  /** Undefined while it is being asked. */
  status?: EngineStatus;
}

export interface RowInputs {
  contexts: readonly ContextInfo[];
  added: readonly EngineRef[];
  /** Berth's endpoint now. */
  current: Pick<Endpoint, 'url' | 'context'>;
  pinned: readonly EngineRef[];
  statuses: ReadonlyMap<string, EngineStatus>;
}

/** Contexts first (as `docker context ls` orders them), then the added endpoints; exactly one row is current at most. */
export function engineRows(inputs: RowInputs): EngineRow[] {
  const pinned = new Set(inputs.pinned.map(engineRefKey));
  const rows: EngineRow[] = [
    ...inputs.contexts.map((c): EngineRow => ({
      kind: 'engineEntry', ref: { kind: 'context', name: c.name }, url: c.url, tls: c.tls, description: c.description, current: false, cli: c.current, pinned: false,
    })),
    ...inputs.added.filter((r): r is Extract<EngineRef, { kind: 'endpoint' }> => r.kind === 'endpoint').map((r): EngineRow => ({
      kind: 'engineEntry', ref: r, url: r.url, tls: !!r.tls, description: '', current: false, cli: false, pinned: false,
    })),
  ];
  // A context Berth chose is that row; otherwise the first row with the same URL (berth.host, DOCKER_HOST, the default socket).
  const current = inputs.current.context
    ? rows.find((r) => r.ref.kind === 'context' && r.ref.name === inputs.current.context)
    : rows.find((r) => r.ref.kind === 'endpoint' && r.url === inputs.current.url) ?? rows.find((r) => r.url === inputs.current.url);
  return rows.map((row) => ({ ...row, current: row === current, pinned: pinned.has(engineRefKey(row.ref)), status: inputs.statuses.get(engineRefKey(row.ref)) }));
}

/** `engine.context[.default].current.pinned.cli.unreachable`: menus match the parts they need. */
export function engineRowContext(row: EngineRow): string {
  const unreachable = row.status && !row.status.reachable;
  const builtIn = row.ref.kind === 'context' && row.ref.name === 'default' ? '.default' : '';
  return `engine.${row.ref.kind}${builtIn}${row.current ? '.current' : ''}${row.pinned ? '.pinned' : ''}${row.cli ? '.cli' : ''}${unreachable ? '.unreachable' : ''}`;
}

export function engineRowItem(row: EngineRow): ItemSpec {
  const status = row.status;
  const marks = [row.current ? l10n.t('current') : '', row.pinned ? l10n.t('pinned') : ''].filter(Boolean);
  const icon = !status
    ? { id: 'loading~spin' }
    : !status.reachable
      ? { id: 'debug-disconnect', color: 'errorForeground' }
      : { id: status.kind === 'Podman' ? 'symbol-namespace' : 'server-environment', color: row.current ? 'testing.iconPassed' : undefined };
  return {
    id: `engines:${engineRefKey(row.ref)}`,
    label: row.ref.name,
    description: [...marks, status ? describeStatus(status) : l10n.t('checking…')].join(' · '),
    tooltip: engineRowTooltip(row),
    contextValue: engineRowContext(row),
    icon,
    collapsible: false,
    // One click makes it Berth's engine; the docker CLI's context stays as it is.
    command: row.current ? undefined : { command: 'berth.engines.use', title: l10n.t('Use This Engine'), arguments: [row] },
  };
}

function engineRowTooltip(row: EngineRow): string {
  const lines = [
    `**${mdText(row.ref.name)}** (${row.ref.kind === 'context' ? l10n.t('Docker context') : l10n.t('endpoint added in Berth')})`,
    '',
    `${l10n.t('Endpoint: {0}', mdCode(row.url || l10n.t('none')))}${row.tls ? ' (TLS)' : ''}`,
  ];
  if (row.description) lines.push(l10n.t('Description: {0}', mdText(row.description)));
  if (row.status?.reachable) lines.push(l10n.t('Engine: {0}, API {1}', mdText(`${row.status.kind} ${row.status.version}`), mdText(row.status.apiVersion)));
  if (row.status && !row.status.reachable) lines.push(l10n.t('Not answering: {0}', mdText(describeError(row.status.error))));
  if (row.current) lines.push(l10n.t('Berth uses this engine now.'));
  if (row.pinned) lines.push(l10n.t('Pinned: the explorer shows it beside the current engine.'));
  if (row.cli) lines.push(l10n.t('The docker CLI\'s current context.'));
  return lines.join('  \n');
}

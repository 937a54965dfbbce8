/**
 * Read-only documents Berth opens: `inspect` JSON of a container, image, network or
 * volume (the engine's own JSON, as `docker inspect` prints it), the disk usage report,
 * and what `docker diff`, `docker history` and `docker ps -s` print. Their content comes from the engine each time
 * VS Code asks, and `berth.inspect.refresh` asks again (refreshed on demand).
 */
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import { changesText, historyText, sizesText } from './cliTables';

export const documentScheme = 'berth';

export type DocumentKind = 'container' | 'image' | 'network' | 'volume' | 'diskUsage' | 'changes' | 'history' | 'sizes';

export class EngineDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(
    /** The engine a document's `engine` query names (a pinned engine's key), or the primary one. */
    private readonly engineFor: (key: string | undefined) => Engine,
    private readonly diskUsage: () => Promise<string>,
  ) {}

  /**
   * berth:/container/<id>/<name>.json: the id is what the engine is asked about, the name is what the tab shows;
   * `?engine=<key>` names a pinned engine (none: the primary one).
   */
  static uri(kind: DocumentKind, id: string, name: string, engineKey?: string): vscode.Uri {
    const extension = kind === 'diskUsage' ? 'md' : kind === 'changes' || kind === 'history' || kind === 'sizes' ? 'txt' : 'json';
    const file = `${kind === 'diskUsage' ? name : name.replace(/[/:@]/g, '_')}.${extension}`;
    const query = engineKey && engineKey !== 'primary' ? new URLSearchParams({ engine: engineKey }).toString() : undefined;
    return vscode.Uri.from({ scheme: documentScheme, path: `/${kind}/${encodeURIComponent(id)}/${file}`, query });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [, kind, encodedId] = uri.path.split('/');
    const id = decodeURIComponent(encodedId);
    const engine = this.engineFor(new URLSearchParams(uri.query).get('engine') ?? undefined);
    switch (kind as DocumentKind) {
      case 'container': return json((await engine.containers.inspect(id)).raw);
      case 'image': return json((await engine.images.inspect(id)).raw);
      case 'network': return json(await engine.networks.inspectRaw(id));
      case 'volume': return json(await engine.volumes.inspect(id));
      case 'diskUsage': return this.diskUsage();
      case 'changes': return changesText(nameOf(uri), await engine.containers.diff(id));
      case 'history': return historyText(id, await engine.images.history(id));
      case 'sizes': return sizesText(await engine.containers.list({ all: true, size: true }));
      default: throw new Error(vscode.l10n.t('Berth has no document {0}.', uri.path));
    }
  }

  /** Opens (or shows again, refreshed) a document. */
  async open(kind: DocumentKind, id: string, name: string, engineKey?: string): Promise<vscode.TextEditor> {
    const uri = EngineDocuments.uri(kind, id, name, engineKey);
    this.changed.fire(uri);
    // The .json / .md file name gives the document its language.
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: false });
  }

  /** Asks the engine again for the active (or given) Berth document. */
  refresh(uri?: unknown): void {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (target?.scheme === documentScheme) this.changed.fire(target);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The name the document was opened with (its file name without the extension). */
function nameOf(uri: vscode.Uri): string {
  return decodeURIComponent(uri.path.split('/').pop() ?? '').replace(/\.[a-z]+$/, '');
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

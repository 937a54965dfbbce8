/**
 * The one context built at activation and handed to every register* function:
 * the engine (replaced when the endpoint changes), the settings, and the log.
 */
import * as vscode from 'vscode';
import { BerthConfig, readConfig } from './config';
import { requestTimeoutMs } from './config/schema';
import { Engine } from './engine/engine';
import { systemEndpointInputs } from './engine/contexts';
import { Endpoint, resolveEndpoint, TlsFiles } from './engine/endpoint';
import { addedEnginesKey, parseEngineRefs } from './engine/engineRefs';

/** What every engine call answers in Restricted Mode (nothing is connected to), in the display language. */
export function restrictedEndpoint(): Endpoint {
  return {
    url: '', source: 'setting', why: vscode.l10n.t('Restricted Mode'),
    problem: vscode.l10n.t('Berth uses no engine in Restricted Mode. Trust this workspace (Manage Workspace Trust) to use its engine features; the Dockerfile language works either way.'),
  };
}

export class BerthContext implements vscode.Disposable {
  private current: Engine;
  private readonly engineChanged = new vscode.EventEmitter<Engine>();
  /** Fires after the endpoint changed and a new Engine replaced the old one. */
  readonly onDidChangeEngine = this.engineChanged.event;

  constructor(
    readonly extension: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
    public config: BerthConfig = readConfig(),
  ) {
    this.current = new Engine(this.endpointFor(config), { timeoutMs: requestTimeoutMs(config) });
  }

  get engine(): Engine {
    return this.current;
  }

  /** Called when settings change: a new endpoint means a new Engine, and the old one is disposed. */
  updateConfig(config: BerthConfig): void {
    this.config = config;
    // The same engine keeps its event followers and terminals; only calls from now on use the new limit.
    this.current.setRequestTimeout(requestTimeoutMs(config));
    const endpoint = this.endpointFor(config);
    if (endpoint.url === this.current.endpoint.url) return;
    const previous = this.current;
    this.current = new Engine(endpoint, { timeoutMs: requestTimeoutMs(config) });
    this.log.info(vscode.l10n.t('Engine endpoint is now {0} ({1}).', endpoint.url, endpoint.why));
    this.engineChanged.fire(this.current);
    // Only once the new engine is in place: the old one's event followers and pooled ssh processes end here.
    previous.dispose().catch((error: unknown) => this.log.warn(`Closing the previous engine: ${String(error)}`));
  }

  private endpointFor(config: BerthConfig): Endpoint {
    // Restricted Mode: no engine at all, so nothing a workspace holds can reach one.
    if (!vscode.workspace.isTrusted) return restrictedEndpoint();
    // With the files, so the Docker context (DOCKER_CONTEXT / currentContext) is consulted too.
    return resolveEndpoint({ ...systemEndpointInputs(config.host, process.env, config.context), hostTls: (url) => this.addedTls(url) });
  }

  /** The TLS files of an endpoint added in Berth (the Engines view), which berth.host names by URL only. */
  private addedTls(url: string): TlsFiles | undefined {
    const added = parseEngineRefs(this.extension.globalState.get(addedEnginesKey));
    const found = added.find((ref) => ref.kind === 'endpoint' && ref.url === url);
    return found?.kind === 'endpoint' ? found.tls : undefined;
  }

  dispose(): void {
    this.engineChanged.dispose();
    void this.current.dispose().catch(() => undefined);
  }
}


/**
 * The one context built at activation and handed to every register* function:
 * the engine (replaced when the endpoint changes), the settings, and the log.
 */
import * as vscode from 'vscode';
import { BerthConfig, readConfig } from './config';
import { Engine } from './engine/engine';
import { systemEndpointInputs } from './engine/contexts';
import { resolveEndpoint } from './engine/endpoint';

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
    this.current = BerthContext.engineFor(config);
  }

  get engine(): Engine {
    return this.current;
  }

  /** Called when settings change: a new endpoint means a new Engine. */
  updateConfig(config: BerthConfig): void {
    const previousUrl = this.current.endpoint.url;
    this.config = config;
    const next = BerthContext.engineFor(config);
    if (next.endpoint.url !== previousUrl) {
      this.current = next;
      this.log.info(`Engine endpoint is now ${next.endpoint.url} (${next.endpoint.why}).`);
      this.engineChanged.fire(next);
    }
  }

  private static engineFor(config: BerthConfig): Engine {
    // With the files, so the Docker context (DOCKER_CONTEXT / currentContext) is consulted too.
    return new Engine(resolveEndpoint(systemEndpointInputs(config.host)));
  }

  dispose(): void {
    this.engineChanged.dispose();
  }
}

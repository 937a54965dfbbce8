/**
 * The one services record: built once in activate() (src/extension.ts) and passed to
 * whoever needs more than one service, chiefly every command handler. Capabilities do not
 * import this file: each register* function takes the few services it uses as arguments,
 * so the record depends on the capabilities and never the other way round. Type-only,
 * so the command table still loads in plain Node.
 */
import type { Compose } from './compose';
import type { BerthContext } from './context';
import type { Engines } from './engines';
import type { FilesApi } from './files';
import type { LayersApi } from './layers';
import type { Learn } from './learn';
import type { LogViews } from './logs';
import type { Registries } from './registries';
import type { EngineStores } from './state';
import type { StatsPanels } from './stats';
import type { Tasks } from './tasks';
import type { Terminals } from './terminals';
import type { Prompter } from './ui/prompt';
import type { Views } from './views';

export interface Services {
  /** The engine (replaced when the endpoint changes), the settings, the log, the ExtensionContext. */
  context: BerthContext;
  /** The primary engine's resource stores (the explorer, commands and language client read them); a pinned engine's are in `engines.sessions`. */
  stores: EngineStores;
  /** Every question asked of the user; tests queue answers here. */
  prompts: Prompter;
  /** The explorer's trees, its filter and display settings, inspect documents and notifications. */
  views: Views;
  terminals: Terminals;
  /** The open stats panels (graphs and table per container, compose project or all). */
  stats: StatsPanels;
  /** Log views (webviews that follow, filter and highlight logs). */
  logViews: LogViews;
  /** Files inside containers: the file system, dialogs, progress and the Files tree. */
  files: FilesApi;
  /** Image layers' files: what each layer added, changed and removed, read-only. */
  layers: LayersApi;
  tasks: Tasks;
  registries: Registries;
  /** The Engines view, the added and pinned engines, and the sessions the explorer shows (one per engine). */
  engines: Engines;
  /** Compose projects found in the workspace, the Compose view, and the compose tool's runs. */
  compose: Compose;
  /** The walkthrough's progress: which lessons were done, from the engine's events and the editor. */
  learn: Learn;
}

/**
 * Messages between the log view's extension-host side (src/logs/panel.ts, stream.ts) and
 * its webview (src/logs/webview). Lines travel in columns, a batch at a time, so a
 * message costs one small array per field rather than one object per line.
 */

export interface ContainerInfo {
  /** What the view shows before each line when it interleaves several containers. */
  name: string;
}

/** Several lines: the i-th line is (containers[i], stderr[i], times[i], texts[i]). */
export interface LineBatch {
  type: 'lines';
  /** Acknowledged by the webview once shown, so the host never runs ahead of it. */
  batch: number;
  containers: number[];
  /** 1 for stderr, 0 for stdout. */
  stderr: number[];
  times: string[];
  texts: string[];
}

export type ToView =
  | { type: 'init'; title: string; containers: ContainerInfo[]; maxLines: number; timestamps: boolean; since: string; until: string }
  | LineBatch
  /** About the stream, not from the container: stopped, restarted, removed. */
  | { type: 'note'; container: number; text: string }
  /** The range changed: drop every line, new ones follow. */
  | { type: 'reset'; since: string; until: string }
  | { type: 'rangeError'; message: string }
  /** A container joined (a compose project's new or recreated container). */
  | { type: 'containers'; containers: ContainerInfo[] }
  | { type: 'state'; following: number; ended: boolean };

export type FromView =
  | { type: 'ready' }
  | { type: 'ack'; batch: number }
  | { type: 'range'; since: string; until: string };

/**
 * The page's sentences, localized by the extension (the page cannot call vscode.l10n) and
 * put on its body as data-strings; {0}, {1} are filled in by the page.
 */
export interface LogViewStrings {
  ended: string;
  /** {0} containers followed of {1}. */
  following: string;
  /** {0} lines held. */
  lines: string;
  /** {0} lines shown through the filter. */
  shown: string;
  /** {0} is always 1; {1} the capacity. */
  droppedOne: string;
  /** {0} lines dropped; {1} the capacity. */
  droppedMany: string;
  /** {0}: why the expression does not compile. */
  invalidFilter: string;
}

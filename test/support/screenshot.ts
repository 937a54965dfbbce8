/**
 * Screenshots of the real workbench from inside the extension host. The host launcher
 * (scripts/host/run-host-tests.mjs) serves BERTH_SCREENSHOT_URL and writes
 * test-results/<name>.png with Chromium; this is its client.
 */
export interface ScreenshotOptions {
  /** CSS selector the launcher waits to be visible first, e.g. a tree row that must have rendered. */
  selector?: string;
  timeoutMs?: number;
}

/** Asks the launcher for test-results/<name>.png; rejects with the launcher's reason if it could not take it. */
export async function takeScreenshot(name: string, options: ScreenshotOptions = {}): Promise<void> {
  const service = process.env.BERTH_SCREENSHOT_URL;
  if (!service) {
    // Under @vscode/test-electron there is no browser to photograph; say so instead of pretending.
    console.log(`screenshot ${name}: not taken, BERTH_SCREENSHOT_URL is not set (only the code-server launcher takes screenshots)`);
    return;
  }
  const query = new URLSearchParams({ name });
  if (options.selector) query.set('selector', options.selector);
  if (options.timeoutMs) query.set('timeoutMs', String(options.timeoutMs));
  const response = await fetch(`${service}/screenshot?${query}`, { method: 'POST' });
  const body = await response.text();
  if (!response.ok) throw new Error(`screenshot ${name} failed (${response.status}): ${body}`);
}

/**
 * The text of the workbench's elements a CSS selector matches (waited for), read by the launcher
 * through Chromium: what a person sees, e.g. view titles or a notification. Undefined under
 * @vscode/test-electron, where no launcher serves it.
 */
export async function readWorkbench(selector: string, timeoutMs = 10_000): Promise<string[] | undefined> {
  const service = process.env.BERTH_SCREENSHOT_URL;
  if (!service) return undefined;
  const response = await fetch(`${service}/workbench?${new URLSearchParams({ selector, timeoutMs: String(timeoutMs) })}`, { method: 'POST' });
  const body = await response.text();
  if (!response.ok) throw new Error(`reading "${selector}" from the workbench failed (${response.status}): ${body}`);
  return JSON.parse(body) as string[];
}

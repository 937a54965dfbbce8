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

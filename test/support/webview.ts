/**
 * What a webview shows, read in the real browser: the host launcher finds the webview's
 * frame in Chromium and returns the matching elements (scripts/host/webview-dom.mjs).
 * The extension host cannot see into a webview's DOM itself.
 */
export interface WebviewElement {
  text: string;
  attributes: Record<string, string>;
}

export interface WebviewQuery {
  /** Click the first match first (a table header to sort by), then read again. */
  click?: boolean;
  timeoutMs?: number;
}

export async function webviewElements(selector: string, options: WebviewQuery = {}): Promise<WebviewElement[]> {
  const service = process.env.BERTH_SCREENSHOT_URL;
  if (!service) throw new Error('BERTH_SCREENSHOT_URL is not set: only the code-server launcher (npm run test:host) can read a webview\'s page.');
  const query = new URLSearchParams({ selector });
  if (options.click) query.set('click', '1');
  if (options.timeoutMs) query.set('timeoutMs', String(options.timeoutMs));
  const response = await fetch(`${service}/webview?${query}`, { method: 'POST' });
  const body = await response.text();
  if (!response.ok) throw new Error(`reading ${selector} in a webview failed (${response.status}): ${body}`);
  return (JSON.parse(body) as { elements: WebviewElement[] }).elements;
}

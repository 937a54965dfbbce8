/**
 * A webview's page as Chromium shows it, from inside the extension host: the host
 * launcher (scripts/host/screenshot-service.mjs) finds the frame whose <body> carries
 * data-view-id, reads the elements a selector matches, or fills and clicks as a person
 * would. This is its client; under @vscode/test-electron there is no browser to ask.
 */
export interface WebviewElement {
  text: string | null;
  className: string;
  hidden: boolean;
  value?: string;
  data: Record<string, string>;
}

export interface WebviewPage {
  /** The page's <body> data attributes. */
  body: Record<string, string>;
  elements: WebviewElement[];
}

export type WebviewAction = { action: 'read'; selector?: string } | { action: 'fill'; selector: string; value: string } | { action: 'click'; selector: string };

export async function webviewPage(view: string, request: WebviewAction): Promise<WebviewPage> {
  const service = process.env.BERTH_SCREENSHOT_URL;
  if (!service) throw new Error('BERTH_SCREENSHOT_URL is not set: only the code-server launcher (npm run test:host) can read a webview\'s page.');
  const response = await fetch(`${service}/webview`, { method: 'POST', body: JSON.stringify({ view, ...request }) });
  const text = await response.text();
  if (!response.ok) throw new Error(`webview ${view} ${request.action} failed (${response.status}): ${text}`);
  return JSON.parse(text) as WebviewPage;
}

/** Reads the page until `done` holds (the page updates on its own animation frames); the last read in the error otherwise. */
export async function webviewUntil(view: string, selector: string, done: (page: WebviewPage) => boolean, what: string, timeoutMs = 20_000): Promise<WebviewPage> {
  const deadline = Date.now() + timeoutMs;
  let last: WebviewPage | undefined;
  for (;;) {
    last = await webviewPage(view, { action: 'read', selector });
    if (done(last)) return last;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} in webview ${view}. It shows: ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

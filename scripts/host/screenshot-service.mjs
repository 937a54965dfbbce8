// A tiny HTTP service on 127.0.0.1 through which code running in the extension host asks
// the launcher for a screenshot of the workbench (test/support/screenshot.ts is its client),
// or reads and drives a webview's page through Chromium (test/support/webview.ts).
//   POST /screenshot?name=NAME[&selector=CSS]  ->  writes <dir>/NAME.png
//   POST /webview  {view, action: read|fill|click, selector, value}  ->  JSON
//   POST /workbench?selector=CSS  ->  JSON list of the text of the workbench's elements it matches
//                                     (waited for; the Korean run reads view titles and notifications)
// With a selector, the launcher first waits for it to be visible (the tree to render).
// A webview is found by its page's <body data-view-id="VIEW">, in whichever frame it is.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { onCleanup } from './processes.mjs';

export async function startScreenshotService(dir) {
  let page;
  const taken = [];
  const server = http.createServer((request, response) => {
    void handle(request).then(
      (file) => reply(response, 200, file),
      (error) => reply(response, error.status ?? 500, error instanceof Error ? error.message : String(error)),
    );
  });

  async function handle(request) {
    const url = new URL(request.url, 'http://127.0.0.1');
    if (request.method === 'POST' && url.pathname === '/webview') return JSON.stringify(await webview(JSON.parse(await body(request))));
    if (request.method === 'POST' && url.pathname === '/workbench') return JSON.stringify(await workbenchText(url.searchParams.get('selector') ?? '', Number(url.searchParams.get('timeoutMs') ?? 10_000)));
    if (request.method !== 'POST' || url.pathname !== '/screenshot') throw Object.assign(new Error('use POST /screenshot?name=NAME'), { status: 404 });
    const name = url.searchParams.get('name') ?? '';
    if (!/^[\w.-]{1,100}$/.test(name)) throw Object.assign(new Error(`bad screenshot name "${name}": letters, digits, _ . - only`), { status: 400 });
    if (!page) throw new Error('the workbench page is not open yet');
    const selector = url.searchParams.get('selector');
    if (selector) await page.locator(selector).first().waitFor({ state: 'visible', timeout: Number(url.searchParams.get('timeoutMs') ?? 10_000) });
    // Let the renderer paint what the extension host just changed (this function runs in the page).
    // eslint-disable-next-line no-undef
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const file = path.join(dir, `${name}.png`);
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: file, animations: 'disabled' });
    taken.push(name);
    return file;
  }

  /** The frame whose page says data-view-id=VIEW, waited for (a webview's page loads after its panel opens). */
  async function webviewFrame(view, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of page.frames()) {
        // eslint-disable-next-line no-undef
        const id = await frame.evaluate(() => document.body?.dataset.viewId).catch(() => undefined);
        if (id === view) return frame;
      }
      if (Date.now() > deadline) throw Object.assign(new Error(`no webview page with data-view-id="${view}" among ${page.frames().length} frames`), { status: 404 });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function webview({ view, action, selector, value }) {
    if (!page) throw new Error('the workbench page is not open yet');
    const frame = await webviewFrame(String(view));
    if (action === 'fill') await frame.fill(selector, String(value ?? ''));
    else if (action === 'click') await frame.click(selector);
    else if (action !== 'read') throw Object.assign(new Error(`unknown webview action "${action}": read, fill or click`), { status: 400 });
    // What the page shows now: the body's data attributes and each element the selector matches.
    return frame.evaluate((css) => ({
      // eslint-disable-next-line no-undef
      body: { ...document.body.dataset },
      // eslint-disable-next-line no-undef
      elements: css ? [...document.querySelectorAll(css)].map((e) => ({ text: e.textContent, className: e.className, hidden: e.hidden, value: e.value, data: { ...e.dataset } })) : [],
    }), selector ?? '');
  }

  async function workbenchText(selector, timeoutMs) {
    if (!page) throw new Error('the workbench page is not open yet');
    if (!selector) throw Object.assign(new Error('POST /workbench wants ?selector=CSS'), { status: 400 });
    await page.locator(selector).first().waitFor({ state: 'visible', timeout: timeoutMs });
    return page.locator(selector).allTextContents();
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise((resolve) => server.close(resolve)));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    taken,
    attach(workbenchPage) {
      page = workbenchPage;
    },
  };
}

function body(request) {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

function reply(response, status, body) {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(body);
}

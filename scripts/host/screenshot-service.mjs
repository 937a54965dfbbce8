// A tiny HTTP service on 127.0.0.1 through which code running in the extension host asks
// the launcher for a screenshot of the workbench (test/support/screenshot.ts is its client).
//   POST /screenshot?name=NAME[&selector=CSS]  ->  writes <dir>/NAME.png
// With a selector, the launcher first waits for it to be visible (the tree to render).
//   POST /webview?selector=CSS  ->  what a webview shows (webview-dom.mjs)
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { onCleanup } from './processes.mjs';
import { webviewElements } from './webview-dom.mjs';

export async function startScreenshotService(dir) {
  let page;
  const taken = [];
  const server = http.createServer((request, response) => {
    void handle(request).then(
      (answer) => reply(response, 200, typeof answer === 'string' ? answer : JSON.stringify(answer)),
      (error) => reply(response, error.status ?? 500, error instanceof Error ? error.message : String(error)),
    );
  });

  async function handle(request) {
    const url = new URL(request.url, 'http://127.0.0.1');
    if (request.method === 'POST' && url.pathname === '/webview') {
      if (!page) throw new Error('the workbench page is not open yet');
      return webviewElements(page, url);
    }
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

function reply(response, status, body) {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(body);
}

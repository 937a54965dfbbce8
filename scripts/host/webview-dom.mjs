// Reads (and clicks) inside the workbench's webviews for the host tier: a webview's page
// lives in nested iframes the extension host cannot see into, so tests ask the launcher,
// which drives the real Chromium (test/support/webview.ts is the client).
//   POST /webview?selector=CSS[&click=1][&timeoutMs=N]
//     -> {"frame": URL, "elements": [{"text", "attributes"}]}  of the first webview frame
//        where CSS matches (the first match clicked first, when asked).

/** The elements matching `selector` in the first frame (other than the workbench) that has any. */
async function matchIn(page, selector) {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame() || frame.isDetached()) continue;
    try {
      const elements = await frame.$$eval(selector, (found) => found.map((e) => ({
        text: e.textContent ?? '',
        attributes: Object.fromEntries([...e.attributes].map((a) => [a.name, a.value])),
      })));
      if (elements.length) return { frame, elements };
    } catch {
      // The frame went away (a webview reloading) or is not ready yet.
    }
  }
  return undefined;
}

export async function webviewElements(page, url) {
  const selector = url.searchParams.get('selector');
  if (!selector) throw Object.assign(new Error('use POST /webview?selector=CSS'), { status: 400 });
  const timeoutMs = Number(url.searchParams.get('timeoutMs') ?? 10_000);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = await matchIn(page, selector);
    if (match) {
      if (url.searchParams.get('click') === '1') {
        await match.frame.locator(selector).first().click({ timeout: timeoutMs });
        return { frame: match.frame.url(), elements: (await matchIn(page, selector))?.elements ?? [] };
      }
      return { frame: match.frame.url(), elements: match.elements };
    }
    if (Date.now() > deadline) throw Object.assign(new Error(`no webview frame shows ${selector} after ${timeoutMs} ms (frames: ${page.frames().map((f) => f.url().slice(0, 80)).join(', ')})`), { status: 404 });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

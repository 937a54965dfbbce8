// Drives Debian's headless Chromium with playwright-core and opens the workbench with an
// extension under development and a test module, the way VS Code's own web tests do.
import { chromium } from 'playwright-core';
import { chromiumBinary } from './paths.mjs';
import { onCleanup } from './processes.mjs';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser() {
  // Our own signal handlers close the browser after code-server, in order.
  const browser = await chromium.launch({ executablePath: chromiumBinary(), args: chromiumArgs, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  onCleanup(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  return { browser, page };
}

/** The workbench URL that loads `extensionPath` as under development and runs `testsPath` in its extension host. */
export function workbenchUrl(serverUrl, { folder, extensionPath, testsPath }) {
  const authority = new URL(serverUrl).host;
  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = [];
  if (extensionPath) payload.push(['extensionDevelopmentPath', remote(extensionPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  payload.push(['skipWelcome', 'true']);
  return `${serverUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Exposes the automation hooks the workbench calls (they must exist before the page
 * loads), then opens `url`. `exit` resolves with the extension host's exit code once
 * the test module's run() settled; `onLog(type, text)` receives the workbench's log lines.
 */
export async function openWorkbench(page, url, onLog) {
  let reportExit;
  const exit = new Promise((resolve) => (reportExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => reportExit(code));
  await page.exposeFunction('codeAutomationLog', (type, args) => onLog(type, (Array.isArray(args) ? args : [args]).map(text).join(' ')));
  page.on('console', (message) => onLog(`console.${message.type()}`, message.text()));
  page.on('pageerror', (error) => onLog('pageerror', error.stack ?? String(error)));
  // Playwright's 30 s default is too short on a loaded 2-core machine (seen at load 34, and a
  // Korean run first turns VS Code's messages into its language pack's cache); the launcher's
  // own deadline (BERTH_HOST_TIMEOUT_MS) still bounds the run.
  await page.goto(url, { timeout: 180_000 });
  return { exit };
}

function text(value) {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

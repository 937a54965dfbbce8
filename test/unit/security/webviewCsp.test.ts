/**
 * Webviews: the stats panel (src/stats/panel.ts) and the log view (src/logs/panel.ts) are panels. Every file under src that opens a
 * webview must give it a strict Content-Security-Policy (default-src 'none') that loads
 * nothing remote (both build their pages with src/ui/webviewPage.ts, whose policy is checked), and package.json may not declare a webview view or custom editor that
 * src does not register (panels need no declaration).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { webviewProblems } from './webviewCsp';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');

function sourceFiles(dir: string): { name: string; text: string }[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|js|html)$/.test(e.name))
    .map((e) => {
      const full = path.join(e.parentPath, e.name);
      return { name: path.relative(root, full), text: fs.readFileSync(full, 'utf8') };
    });
}

describe('webviews have a strict Content-Security-Policy and load nothing remote', () => {
  it('holds for every file under src', () => {
    const files = sourceFiles(path.join(root, 'src'));
    assert.ok(files.length > 100, `the check read src (${files.length} files)`);
    const { users, problems } = webviewProblems(files);
    assert.ok(users.includes(path.join('src', 'stats', 'panel.ts')), `the check sees the stats panel's webview (it saw ${users.join(', ') || 'none'})`);
    assert.deepEqual(problems, [], `webviews without a strict CSP: ${users.join(', ')}`);
  });

  it('package.json declares no webview view or custom editor that src does not register', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const webviewViews = Object.values(manifest.contributes.views ?? {}).flat().filter((v) => (v as { type?: string }).type === 'webview');
    const customEditors = manifest.contributes.customEditors ?? [];
    // Panels (createWebviewPanel) are opened by commands and need no declaration; views and editors do.
    const declarable = /\b(registerWebviewViewProvider|registerCustomEditorProvider)\b/;
    const users = sourceFiles(path.join(root, 'src')).filter((f) => declarable.test(f.text)).map((f) => f.name);
    if (webviewViews.length + customEditors.length > 0) assert.ok(users.length > 0, 'package.json declares webviews, but no file under src opens one');
    else assert.deepEqual(users, [], 'a file registers a webview view or custom editor that package.json does not declare');
    assert.ok(webviewProblems(sourceFiles(path.join(root, 'src'))).users.includes(path.join('src', 'logs', 'panel.ts')), 'the check sees the log view\'s panel');
  });

  describe('the check itself', () => {
    const panel = (html: string) => ({ name: 'src/x.ts', text: `const p = vscode.window.createWebviewPanel('x', 'X', 1, {});\np.webview.html = \`${html}\`;` });
    const good = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src \${webview.cspSource} 'unsafe-inline'; script-src 'nonce-\${nonce}'; img-src \${webview.cspSource}">`;
    const cases: [string, { name: string; text: string }, RegExp | undefined][] = [
      ['a strict policy', panel(good), undefined],
      ['no policy at all', panel('<h1>hi</h1>'), /opens a webview \(createWebviewPanel, \.webview\.html\) but its HTML has no <meta/],
      ['default-src that is not none', panel(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'">`), /default-src must be 'none' \(it is "'self'"\)/],
      ['a remote script source', panel(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src https://cdn.example.com">`), /script-src allows "https:\/\/cdn\.example\.com"/],
      ['a wildcard image source', panel(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src *">`), /img-src allows "\*"/],
      ['inline scripts', panel(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'">`), /script-src allows "'unsafe-inline'"/],
      ['a remote script tag', panel(`${good}<script src="https://cdn.example.com/x.js"></script>`), /loads a remote URL/],
      ['a page built by webviewPage alone', { name: 'src/p.ts', text: 'p.webview.html = webviewPage({ webview: p.webview });' }, /builds its page with webviewPage, but no file given defines it/],
      ['a webview view provider', { name: 'src/v.ts', text: 'vscode.window.registerWebviewViewProvider("v", provider);' }, /registerWebviewViewProvider/],
    ];
    it('a page built by webviewPage takes the policy of the file that defines it, which is checked too', () => {
      const user = { name: 'src/p.ts', text: 'const p = vscode.window.createWebviewPanel("x", "X", 1, {});\np.webview.html = webviewPage({ webview: p.webview });' };
      const helper = (html: string) => ({ name: 'src/ui/webviewPage.ts', text: `export function webviewPage(parts) { return \`${html}\`; }` });
      assert.deepEqual(webviewProblems([user, helper(good)]), { users: ['src/p.ts', 'src/ui/webviewPage.ts'], problems: [] });
      const loose = webviewProblems([user, helper(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src https://cdn.example.com">`)]);
      assert.ok(loose.problems.some((p) => /src\/ui\/webviewPage\.ts: script-src allows "https:\/\/cdn\.example\.com"/.test(p)), JSON.stringify(loose.problems));
      const none = webviewProblems([user, helper('<h1>hi</h1>')]);
      assert.ok(none.problems.some((p) => /defines webviewPage but its HTML has no <meta/.test(p)), JSON.stringify(none.problems));
      assert.ok(none.problems.some((p) => /src\/p\.ts opens a webview/.test(p)), JSON.stringify(none.problems));
    });

    for (const [what, file, expected] of cases) {
      it(what, () => {
        const { users, problems } = webviewProblems([file]);
        assert.deepEqual(users, [file.name]);
        if (!expected) assert.deepEqual(problems, []);
        else assert.ok(problems.some((p) => expected.test(p)), `expected ${expected} in ${JSON.stringify(problems)}`);
      });
    }
  });
});

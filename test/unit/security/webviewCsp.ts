/**
 * The static check behind webviewCsp.test.ts: a source file that opens a webview (a
 * panel, a view, a custom editor, a panel serializer, or sets `.webview.html`) must put
 * a Content-Security-Policy meta in its HTML whose default-src is 'none' and whose
 * sources name nothing remote: only 'none', 'self', nonces, hashes, 'unsafe-inline'
 * for styles, and VS Code's own resource origin (`${webview.cspSource}`). The HTML may
 * load nothing from http(s):, ws(s): or protocol-relative URLs either. A file may instead
 * build its HTML with the shared `webviewPage(...)`: then the file that defines
 * webviewPage must hold such a policy, and it is checked like a page of its own.
 */
const webviewApi = /\b(createWebviewPanel|registerWebviewViewProvider|registerCustomEditorProvider|registerWebviewPanelSerializer)\b|\.webview\.html\s*=/g;
const cspMeta = /<meta\s+http-equiv\s*=\s*["']Content-Security-Policy["']\s+content\s*=\s*"([^"]*)"/gi;
const pageHelperUse = /\bwebviewPage\(/;
const pageHelperDefinition = /\bexport function webviewPage\(/;
const remoteUrl = /\b(?:src|href)\s*=\s*["'](?:https?:|wss?:|\/\/)/gi;

/** A CSP source that loads nothing from outside the extension. */
function isLocalSource(source: string, directive: string): boolean {
  if (["'none'", "'self'"].includes(source)) return true;
  if (/^'(nonce|sha256|sha384|sha512)-[^']*'$/.test(source) || /^'nonce-\$\{[^}]+\}'$/.test(source)) return true;
  if (source === "'unsafe-inline'" && directive === 'style-src') return true;
  // ${webview.cspSource}, ${panel.webview.cspSource}, ${cspSource}: VS Code's origin for local resources.
  return /^\$\{[\w.]*cspSource\}$/.test(source);
}

export function cspProblems(name: string, policy: string): string[] {
  const problems: string[] = [];
  const directives = new Map(policy.split(';').map((d) => d.trim()).filter(Boolean).map((d): [string, string[]] => {
    const [directive, ...sources] = d.split(/\s+/);
    return [directive.toLowerCase(), sources];
  }));
  const defaults = directives.get('default-src');
  if (!defaults || defaults.join(' ') !== "'none'") problems.push(`${name}: the Content-Security-Policy's default-src must be 'none' (it is ${defaults ? `"${defaults.join(' ')}"` : 'missing'}).`);
  for (const [directive, sources] of directives) {
    for (const source of sources) if (!isLocalSource(source, directive)) problems.push(`${name}: ${directive} allows "${source}", which may load something remote.`);
  }
  return problems;
}

/** Every problem of the given source files, each one sentence naming the file. */
export function webviewProblems(files: { name: string; text: string }[]): { users: string[]; problems: string[] } {
  const users: string[] = [];
  const problems: string[] = [];
  const helper = files.find((f) => pageHelperDefinition.test(f.text));
  const helperHasPolicy = helper !== undefined && [...helper.text.matchAll(cspMeta)].length > 0;
  for (const { name, text } of files) {
    const apis = [...new Set([...text.matchAll(webviewApi)].map((m) => m[1] ?? '.webview.html'))];
    const isHelper = text === helper?.text;
    if (apis.length === 0 && !isHelper) continue;
    users.push(name);
    const policies = [...text.matchAll(cspMeta)].map((m) => m[1]);
    if (isHelper && policies.length === 0) problems.push(`${name} defines webviewPage but its HTML has no <meta http-equiv="Content-Security-Policy" content="default-src 'none'; …">.`);
    else if (policies.length === 0 && pageHelperUse.test(text) && !helper) problems.push(`${name} builds its page with webviewPage, but no file given defines it.`);
    else if (policies.length === 0 && !(pageHelperUse.test(text) && helperHasPolicy)) problems.push(`${name} opens a webview (${apis.join(', ')}) but its HTML has no <meta http-equiv="Content-Security-Policy" content="default-src 'none'; …">.`);
    for (const policy of policies) problems.push(...cspProblems(name, policy));
    for (const m of text.matchAll(remoteUrl)) problems.push(`${name}: the webview HTML loads a remote URL (${m[0]}…).`);
  }
  return { users, problems };
}

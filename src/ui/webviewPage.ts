/**
 * The one place Berth's webview pages get their head: a fresh nonce, the strict
 * Content-Security-Policy (nothing but the page's own nonce'd script and style and the
 * extension's bundled files; nothing remote), the title, and the body's data attributes
 * the page script and the host tier read. The log view and the stats panel build their
 * pages with it, so both keep the same policy.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface WebviewPageParts {
  webview: vscode.Webview;
  /** The bundled page script (a webview URI from asWebviewUri). */
  script: vscode.Uri;
  /** A bundled stylesheet (a webview URI), loaded from the extension's origin. */
  stylesheet?: vscode.Uri;
  /** Style text put in a nonce'd <style> element. */
  inlineStyle?: string;
  title: string;
  /** The body's attributes (data-berth-view, data-view-id, ...); values are escaped here. */
  bodyAttributes: Record<string, string>;
  /** The body's markup, already escaped by the caller. */
  body: string;
  /** The page's language, e.g. vscode.env.language. */
  lang?: string;
}

export function webviewPage(parts: WebviewPageParts): string {
  const nonce = randomBytes(16).toString('base64');
  const webview = parts.webview;
  const attributes = Object.entries(parts.bodyAttributes).map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(parts.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
${parts.stylesheet ? `<link rel="stylesheet" href="${parts.stylesheet}">\n` : ''}${parts.inlineStyle !== undefined ? `<style nonce="${nonce}">${parts.inlineStyle}</style>\n` : ''}<title>${escapeHtml(parts.title)}</title>
</head>
<body${attributes}>
${parts.body}
<script nonce="${nonce}" src="${parts.script}"></script>
</body>
</html>`;
}

/** Text or attribute value made safe for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

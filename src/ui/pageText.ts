/**
 * Text for webview pages, which cannot call vscode.l10n themselves: the extension
 * localizes each sentence (with {0}, {1} placeholders) and hands the page the strings;
 * the page fills the placeholders with `fill`. Pure: no vscode, no DOM.
 */

/** The template with each {n} replaced by the n-th argument (unknown placeholders stay). */
export function fill(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}

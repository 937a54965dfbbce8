/**
 * package.json as VS Code shows it: its `%key%` strings replaced from package.nls.json (English)
 * or package.nls.<language>.json. Tests that read titles or descriptions read them through this.
 */
import * as fs from 'node:fs';

const root = new URL('../../', import.meta.url);
const readJson = (name: string) => JSON.parse(fs.readFileSync(new URL(name, root), 'utf8'));

/** The manifest with its placeholders filled; a placeholder without a string stays as it is (VS Code does the same). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function localizedManifest(language?: string): any {
  const strings: Record<string, string> = { ...readJson('package.nls.json'), ...(language ? readJson(`package.nls.${language}.json`) : {}) };
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const key = /^%([\w.-]+)%$/.exec(value)?.[1];
      return key !== undefined && key in strings ? strings[key] : value;
    }
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return fill(readJson('package.json'));
}

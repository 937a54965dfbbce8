// VS Code's display language in code-server: `--locale ko` alone is not enough. The server
// looks the locale up among installed language packs (languagepacks.json in the user-data
// folder); with none for it, the workbench stays English, `vscode.env.language` stays 'en', and
// no extension gets its package.nls.ko.json or bundle.l10n.ko.json. The Korean language pack
// cannot be downloaded here, so the harness makes a minimal one: an extension folder that
// contributes Korean with an empty translation of VS Code's own strings (the workbench's chrome
// stays English; Berth's strings come from Berth's own files, which is what the Korean run
// tests), registered in languagepacks.json the way VS Code registers an installed pack.
// (`code-server --install-extension` of such a pack does not write languagepacks.json: only the
// running workbench's install does, and it would cost a minute here.)
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './code-server.mjs';

const names = { ko: ['Korean', '한국어'] };

/** Makes `locale` a display language of the code-server whose folders are `dirs` (call before it starts). */
export function addLanguagePack(dirs, locale) {
  const [languageName, localizedLanguageName] = names[locale] ?? [locale, locale];
  const dir = tempDir(`berth-language-pack-${locale}-`);
  const manifest = {
    name: `berth-test-language-pack-${locale}`,
    publisher: 'berth-tests',
    version: '0.0.0',
    engines: { vscode: '*' },
    categories: ['Language Packs'],
    contributes: { localizations: [{ languageId: locale, languageName, localizedLanguageName, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }] },
  };
  fs.mkdirSync(path.join(dir, 'translations'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  const id = `${manifest.publisher}.${manifest.name}`;
  const pack = {
    // VS Code's hash: md5 over each contributing extension's id and version; it names the translation cache.
    hash: createHash('md5').update(id).update(manifest.version).digest('hex'),
    extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
    translations: { vscode: path.join(dir, 'translations', 'main.i18n.json') },
    label: localizedLanguageName,
  };
  fs.writeFileSync(path.join(dirs.userData, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

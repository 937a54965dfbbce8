/**
 * Links to the files a compose file names: each service's Dockerfile (on `dockerfile`, or
 * on the build context when the Dockerfile is the default one), env files, `extends.file`,
 * `include` entries and the `file` of top-level secrets and configs. Only files that exist.
 */
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentLink } from 'vscode-languageserver-types';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { buildOf } from './build';
import { exists, folderOf } from './files';
import { child, nodeRange, rangeOf, scalarText, services, type ComposeModel } from './model';
import { nameRangeIn } from './references';

export function documentLinks(_host: unknown, model: ComposeModel): DocumentLink[] {
  const folder = folderOf(model.uri);
  if (!folder) return [];
  const links: DocumentLink[] = [];
  const link = (node: unknown, file: string | undefined, tooltip: string) => {
    const text = scalarText(node);
    if (!file || !text || text.includes('$') || !exists(file)) return;
    const range = nameRangeIn(model, node as Node, text) ?? nodeRange(node);
    if (range) links.push({ range: rangeOf(model, range), target: pathToFileURL(file).href, tooltip });
  };
  const relative = (node: unknown) => {
    const text = scalarText(node);
    return text ? path.resolve(folder, text) : undefined;
  };
  for (const { body } of services(model)) {
    const build = buildOf(body, folder);
    if (build?.dockerfileNode) link(build.dockerfileNode, build.dockerfile, l10n.t('Open the Dockerfile'));
    else if (build?.contextNode) link(build.contextNode, build.dockerfile, l10n.t('Open the Dockerfile'));
    const envFile = body ? child(body, 'env_file') : undefined;
    const entries = isSeq(envFile) ? envFile.items : [envFile];
    for (const entry of entries) {
      const node = isMap(entry) ? child(entry, 'path') : entry;
      if (isScalar(node)) link(node, relative(node), l10n.t('Open the env file'));
    }
    const extendsNode = body ? child(body, 'extends') : undefined;
    if (isMap(extendsNode)) link(child(extendsNode, 'file'), relative(child(extendsNode, 'file')), l10n.t('Open the extended file'));
  }
  const include = child(model.doc.contents, 'include');
  if (isSeq(include)) {
    for (const entry of include.items) {
      const node = isMap(entry) ? child(entry, 'path') : entry;
      if (isScalar(node)) link(node, relative(node), l10n.t('Open the included compose file'));
    }
  }
  for (const kind of ['secrets', 'configs'] as const) {
    for (const entry of model.declared[kind]) {
      const file = child(entry.value, 'file');
      link(file, relative(file), kind === 'secrets' ? l10n.t('Open the secret file') : l10n.t('Open the config file'));
    }
  }
  return links;
}

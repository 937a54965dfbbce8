/**
 * Hover: what a key means (the specification's description, else Berth's own line for the
 * common keys) and, on a service name used elsewhere, what that service runs.
 */
import * as l10n from '@vscode/l10n';
import type { Hover, Position } from 'vscode-languageserver-types';
import { isMap, isPair, isSeq } from 'yaml';
import { child, keyText, nodeRange, offsetAt, rangeOf, scalarText, type ComposeModel } from './model';
import { referencesOf } from './references';
import { schemasAt, alternatives } from './schema';
import { keyDoc } from './keyDocs';
import type { ComposeFeatureHost } from './types';
import { isLocalized } from '../l10n';

/** The key under the offset, with the path of keys leading to it (`[]` for list items). */
export function keyAt(model: ComposeModel, offset: number): { path: string[]; range: [number, number] } | undefined {
  let node: unknown = model.doc.contents;
  const path: string[] = [];
  for (let depth = 0; depth < 64 && node; depth++) {
    if (isMap(node)) {
      let next: unknown;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyRange = nodeRange(pair.key);
        const key = keyText(pair);
        if (keyRange && key !== undefined && offset >= keyRange[0] && offset <= keyRange[1]) return { path: [...path, key], range: keyRange };
        const valueRange = nodeRange(pair.value);
        if (valueRange && key !== undefined && offset >= valueRange[0] && offset <= valueRange[1]) {
          path.push(key);
          next = pair.value;
          break;
        }
      }
      node = next;
    } else if (isSeq(node)) {
      const item = node.items.find((candidate) => {
        const range = nodeRange(candidate);
        return range && offset >= range[0] && offset <= range[1];
      });
      path.push('[]');
      node = item;
    } else return undefined;
  }
  return undefined;
}

export function hover(host: ComposeFeatureHost, model: ComposeModel, params: { position: Position }): Hover | null {
  const offset = offsetAt(model, params.position);
  const reference = referencesOf(model).find((candidate) => candidate.kind === 'service' && offset >= candidate.range[0] && offset <= candidate.range[1]);
  if (reference) {
    const service = model.declared.services.find((entry) => entry.name === reference.name);
    if (!service) return null;
    const image = scalarText(child(service.value, 'image'));
    const builds = child(service.value, 'build') !== undefined;
    const runs = [image ? l10n.t('image `{0}`', image) : '', builds ? l10n.t('built from its Dockerfile') : ''].filter(Boolean).join(', ') || l10n.t('no image or build yet');
    const line = rangeOf(model, service.keyRange).start.line + 1;
    return { contents: { kind: 'markdown', value: l10n.t('**Service `{0}`** (line {1}): {2}.', reference.name, line, runs) }, range: rangeOf(model, reference.range) };
  }
  if (host.config.yamlOverlap.keyHover) return null;
  const key = keyAt(model, offset);
  if (!key) return null;
  const name = key.path[key.path.length - 1];
  const ours = keyDoc(keyDocPath(key.path)) ?? keyDoc(name);
  // The vendored schema's descriptions are English only: in another language Berth's own line comes first.
  const schema = schemasAt(key.path).flatMap(alternatives).map((candidate) => candidate.description).find(Boolean);
  const description = isLocalized() ? ours ?? schema : schema ?? ours;
  if (!description) return null;
  return { contents: { kind: 'markdown', value: `**${name}**\n\n${description}` }, range: rangeOf(model, key.range) };
}

/** `services.web.build.target` → `build.target`: the docs table is keyed without the service's name. */
function keyDocPath(path: readonly string[]): string {
  return (path[0] === 'services' ? path.slice(2) : path).filter((segment) => segment !== '[]').join('.');
}


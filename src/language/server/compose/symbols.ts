/** The outline: each top-level key, with the services, networks, volumes, secrets and configs it declares. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { isMap, isPair } from 'yaml';
import { child, keyText, nodeRange, rangeOf, scalarText, topLevelKinds, type ComposeModel, type TopLevelKind } from './model';
import type { ComposeFeatureHost } from './types';

const kinds: Record<TopLevelKind, SymbolKind> = { services: SymbolKind.Class, networks: SymbolKind.Interface, volumes: SymbolKind.Struct, secrets: SymbolKind.Key, configs: SymbolKind.File };

export function documentSymbols(host: ComposeFeatureHost, model: ComposeModel): DocumentSymbol[] {
  if (host.config.yamlOverlap.symbols || !isMap(model.doc.contents)) return [];
  const symbols: DocumentSymbol[] = [];
  for (const pair of model.doc.contents.items) {
    if (!isPair(pair)) continue;
    const name = keyText(pair);
    const keyRange = nodeRange(pair.key);
    if (name === undefined || !keyRange) continue;
    const end = nodeRange(pair.value)?.[1] ?? keyRange[1];
    const kind = name as TopLevelKind;
    const children = topLevelKinds.includes(kind) ? model.declared[kind].map((entry): DocumentSymbol => {
      const entryEnd = nodeRange(entry.value)?.[1] ?? entry.keyRange[1];
      const image = kind === 'services' ? scalarText(child(entry.value, 'image')) : undefined;
      return {
        name: entry.name,
        detail: image ?? (kind === 'services' && child(entry.value, 'build') !== undefined ? 'build' : undefined),
        kind: kinds[kind],
        range: rangeOf(model, [entry.keyRange[0], entryEnd]),
        selectionRange: rangeOf(model, entry.keyRange),
      };
    }) : undefined;
    symbols.push({ name, kind: SymbolKind.Namespace, range: rangeOf(model, [keyRange[0], end]), selectionRange: rangeOf(model, keyRange), children });
  }
  return symbols;
}

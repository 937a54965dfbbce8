/**
 * Completion: dockerfile-language-service's (instructions, its flags, variables,
 * snippets) merged with ours: every current flag and its values, `--mount` types and
 * keys, stage names after `--from`/`from=`, the platform ARGs, and after FROM the images
 * the engine has (sent by the client). After FROM the library is not asked: it would
 * query Docker Hub for tags, and the server stays off the network.
 */
import * as l10n from '@vscode/l10n';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { CompletionParams } from 'vscode-languageserver/node';
import type { FeatureDoc, FeatureHost } from './types';
import { stagesOf } from './stages';
import { flags, mountKeys, mountTypes, platformArgDocs } from './completionData';
import { globalArgs, lineStartsOf, lineText } from '../rules/buildkit/util';
import { localizeCompletionItem } from './libraryText';

function item(label: string, kind: CompletionItemKind, position: Position, prefix: string, detail?: string, insert = label, snippet = false): CompletionItem {
  return {
    label, kind, detail,
    textEdit: { range: { start: { line: position.line, character: position.character - prefix.length }, end: position }, newText: insert },
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    sortText: `0${label}`,
  };
}

function keywordAt(doc: FeatureDoc, line: number): string | undefined {
  let found: string | undefined;
  for (const instruction of doc.dockerfile.getInstructions()) {
    const range = instruction.getRange();
    if (range.start.line > line) break;
    if (range.end.line >= line) found = instruction.getKeyword();
  }
  return found;
}

function stageItems(doc: FeatureDoc, position: Position, prefix: string): CompletionItem[] {
  const stages = stagesOf(doc.dockerfile).filter((stage) => stage.range.start.line < position.line);
  const items: CompletionItem[] = [];
  for (const stage of stages) {
    if (stage.name) items.push(item(stage.name, CompletionItemKind.Module, position, prefix, l10n.t('stage {0}: FROM {1}', stage.index, stage.from.getImage() ?? '')));
    items.push(item(String(stage.index), CompletionItemKind.Module, position, prefix, stage.name ? l10n.t('stage {0} ({1})', stage.index, stage.name) : l10n.t('stage {0}', stage.index)));
  }
  return items;
}

function mountItems(doc: FeatureDoc, position: Position, value: string): CompletionItem[] {
  const segment = value.slice(value.lastIndexOf(',') + 1);
  const type = /(?:^|,)type=(\w+)/.exec(value)?.[1] ?? 'bind';
  const equals = segment.indexOf('=');
  if (equals >= 0) {
    const key = segment.slice(0, equals);
    const prefix = segment.slice(equals + 1);
    if (key === 'type') return mountTypes.map((name) => item(name, CompletionItemKind.EnumMember, position, prefix, `--mount type=${name}`));
    if (key === 'from') return stageItems(doc, position, prefix);
    return (mountKeys[type]?.[key] ?? []).map((name) => item(name, CompletionItemKind.Value, position, prefix));
  }
  const used = new Set(value.split(',').map((part) => part.split('=')[0]));
  const keys = ['type', ...Object.keys(mountKeys[type] ?? {})].filter((key) => !used.has(key) || key === segment);
  return keys.map((key) => item(key, CompletionItemKind.Property, position, segment, l10n.t('--mount {0} option', type), `${key}=`));
}

function imageItems(analyzer: FeatureHost, doc: FeatureDoc, position: Position, prefix: string): CompletionItem[] {
  const items = analyzer.config.localImages
    .filter((image) => !image.ref.includes('<none>'))
    .map((image) => item(image.ref, CompletionItemKind.Reference, position, prefix, image.platforms?.length ? l10n.t('local image ({0})', image.platforms.join(', ')) : l10n.t('local image')));
  for (const stage of stagesOf(doc.dockerfile)) {
    if (stage.name && stage.range.start.line < position.line) items.push(item(stage.name, CompletionItemKind.Module, position, prefix, l10n.t('stage {0}', stage.index)));
  }
  if ('scratch'.startsWith(prefix)) items.push(item('scratch', CompletionItemKind.Keyword, position, prefix, l10n.t('empty base image')));
  return items;
}

function ours(analyzer: FeatureHost, doc: FeatureDoc, position: Position, before: string, keyword: string | undefined): { items: CompletionItem[]; exclusive: boolean } {
  const none = { items: [], exclusive: false };
  let match = /--mount=(\S*)$/.exec(before);
  if (match && keyword === 'RUN') return { items: mountItems(doc, position, match[1]), exclusive: true };
  match = /--from=(\S*)$/.exec(before);
  if (match && (keyword === 'COPY' || keyword === 'ADD')) return { items: stageItems(doc, position, match[1]), exclusive: true };
  match = /--([a-z-]+)=(\S*)$/.exec(before);
  if (match && keyword) {
    const flag = flags[keyword]?.find((candidate) => candidate.name === match?.[1]);
    return { items: (flag?.values ?? []).map((value) => item(value, CompletionItemKind.Value, position, match?.[2] ?? '', flag?.doc)), exclusive: true };
  }
  match = /(?:^|\s)(--?[a-z-]*)$/.exec(before);
  if (match && keyword && flags[keyword]) {
    const prefix = match[1];
    return {
      items: flags[keyword].map((flag) => item(`--${flag.name}`, CompletionItemKind.Property, position, prefix, flag.doc, flag.boolean ? `--${flag.name}` : `--${flag.name}=`)),
      exclusive: false,
    };
  }
  match = /\$\{?([A-Za-z0-9_]*)$/.exec(before);
  if (match && keyword === 'FROM') {
    const names = [...globalArgs(doc.dockerfile).keys(), ...Object.keys(platformArgDocs).slice(0, 8)];
    return { items: names.map((name) => item(name, CompletionItemKind.Variable, position, match?.[1] ?? '', platformArgDocs[name] ?? l10n.t('global ARG'))), exclusive: true };
  }
  match = /^\s*ARG\s+([A-Za-z_]*)$/i.exec(before);
  if (match) return { items: Object.entries(platformArgDocs).map(([name, detail]) => item(name, CompletionItemKind.Variable, position, match?.[1] ?? '', detail)), exclusive: false };
  match = /^\s*FROM\s+(?:--\S+\s+)*([^\s$]*)$/i.exec(before);
  if (match) return { items: imageItems(analyzer, doc, position, match[1]), exclusive: true };
  return none;
}

export async function completion(analyzer: FeatureHost, doc: FeatureDoc, params: CompletionParams): Promise<CompletionItem[]> {
  const position = params.position;
  const starts = lineStartsOf(doc.text);
  const before = lineText(doc.text, starts, position.line).slice(0, position.character);
  const keyword = keywordAt(doc, position.line) ?? /^\s*([A-Za-z]+)\s/.exec(before)?.[1]?.toUpperCase();
  const extra = ours(analyzer, doc, position, before, keyword);
  if (extra.exclusive) return extra.items;
  const library = await analyzer.service.computeCompletionItems(doc.text, position);
  const labels = new Set(extra.items.map((candidate) => candidate.label));
  return [...extra.items, ...library.filter((candidate) => !labels.has(candidate.label)).map(localizeCompletionItem)];
}

export function resolveCompletion(analyzer: FeatureHost, _doc: FeatureDoc, item: CompletionItem): CompletionItem {
  return item.data === undefined ? item : localizeCompletionItem(analyzer.service.resolveCompletionItem(item));
}

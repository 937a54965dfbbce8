/** Document symbols as a tree: each stage (named by its name or image) holding its instructions. */
import * as l10n from '@vscode/l10n';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Instruction } from 'dockerfile-ast';
import type { FeatureDoc, FeatureHost } from './types';
import { stagesOf } from './stages';
import { declaredNames } from '../rules/buildkit/util';

function kindOf(instruction: Instruction): SymbolKind {
  switch (instruction.getKeyword()) {
    case 'ARG': return SymbolKind.Variable;
    case 'ENV': return SymbolKind.Constant;
    case 'LABEL': return SymbolKind.Property;
    case 'EXPOSE': return SymbolKind.Number;
    case 'CMD': case 'ENTRYPOINT': return SymbolKind.Event;
    default: return SymbolKind.Function;
  }
}

/** The instruction's first line after the keyword: cheap (no argument parsing) and enough to recognise it. */
function detailOf(instruction: Instruction, lines: string[]): string {
  const names = declaredNames(instruction);
  if (names.length > 0) return names.join(', ');
  const keyword = instruction.getInstructionRange();
  const firstLine = (lines[keyword.start.line] ?? '').slice(keyword.end.character).replace(/\\?\s*$/, '').trim();
  return firstLine.length > 60 ? `${firstLine.slice(0, 57)}...` : firstLine;
}

function symbolOf(instruction: Instruction, lines: string[]): DocumentSymbol {
  return { name: instruction.getKeyword(), detail: detailOf(instruction, lines), kind: kindOf(instruction), range: instruction.getRange(), selectionRange: instruction.getInstructionRange() };
}

export function documentSymbols(_analyzer: FeatureHost, doc: FeatureDoc): DocumentSymbol[] {
  const dockerfile = doc.dockerfile;
  const lines = doc.text.split('\n');
  const result: DocumentSymbol[] = dockerfile.getInitialARGs().map((instruction) => symbolOf(instruction, lines));
  for (const stage of stagesOf(dockerfile)) {
    const image = stage.from.getImage() ?? '';
    result.push({
      name: stage.name ?? l10n.t('stage {0}', stage.index),
      detail: `FROM ${image}`,
      kind: SymbolKind.Class,
      range: stage.range,
      selectionRange: stage.nameRange ?? stage.from.getInstructionRange(),
      children: stage.instructions.slice(1).map((instruction) => symbolOf(instruction, lines)),
    });
  }
  return result;
}

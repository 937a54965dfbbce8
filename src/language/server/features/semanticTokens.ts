/**
 * Semantic tokens in one linear pass over the shared parse. dockerfile-language-service's
 * own implementation grows quadratically with the file (about 18 s on 6,500 lines), so
 * the server never calls it.
 */
import type { Instruction, From, Flag, Onbuild } from 'dockerfile-ast';
import type { Range, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { FeatureDoc, FeatureHost } from './types';
import { variableUses } from '../rules/buildkit/variables';

const tokenTypes = ['keyword', 'comment', 'parameter', 'property', 'variable', 'string', 'class', 'namespace', 'macro', 'operator'] as const;
type TokenType = (typeof tokenTypes)[number];
const typeIndex = new Map<TokenType, number>(tokenTypes.map((type, index) => [type, index]));
const tokenModifiers = ['declaration', 'deprecated'] as const;

export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] };

interface Token { line: number; start: number; length: number; type: number; modifiers: number }

function push(tokens: Token[], range: Range | null | undefined, type: TokenType, modifiers = 0): void {
  // Clients only accept single-line tokens; a value broken by a continuation is skipped.
  if (!range || range.start.line !== range.end.line || range.end.character <= range.start.character) return;
  tokens.push({ line: range.start.line, start: range.start.character, length: range.end.character - range.start.character, type: typeIndex.get(type) ?? 0, modifiers });
}

function pushFlag(tokens: Token[], flag: Flag): void {
  const nameRange = flag.getNameRange();
  // Include the leading "--" in the flag's token.
  push(tokens, { start: { line: nameRange.start.line, character: Math.max(0, nameRange.start.character - 2) }, end: nameRange.end }, 'parameter');
  for (const option of flag.getOptions()) push(tokens, option.getNameRange(), 'property');
  if (!flag.hasOptions()) push(tokens, flag.getValueRange(), 'string');
}

function instructionTokens(tokens: Token[], instruction: Instruction, escapeChar: string): void {
  const keyword = instruction.getKeyword();
  push(tokens, instruction.getInstructionRange(), 'keyword', keyword === 'MAINTAINER' ? 2 : 0);
  const flags = (instruction as { getFlags?: () => Flag[] }).getFlags?.() ?? [];
  for (const flag of flags) pushFlag(tokens, flag);
  if (keyword === 'FROM') {
    const from = instruction as From;
    push(tokens, from.getImageNameRange(), 'class');
    push(tokens, from.getImageTagRange(), 'string');
    push(tokens, from.getBuildStageRange(), 'namespace', 1);
    const args = from.getArguments();
    for (const arg of args) if (arg.getValue().toUpperCase() === 'AS') push(tokens, arg.getRange(), 'keyword');
  }
  for (const variable of variableUses(instruction, escapeChar)) push(tokens, variable.nameRange, 'variable');
  if (keyword === 'ARG' || keyword === 'ENV') {
    for (const property of (instruction as unknown as { getProperties(): Array<{ getNameRange(): Range }> }).getProperties()) push(tokens, property.getNameRange(), 'variable', 1);
  }
}

export function semanticTokens(_analyzer: FeatureHost, doc: FeatureDoc): SemanticTokens {
  const tokens: Token[] = [];
  const dockerfile = doc.dockerfile;
  for (const directive of dockerfile.getDirectives()) {
    push(tokens, directive.getNameRange(), 'macro');
    push(tokens, directive.getValueRange(), 'string');
  }
  for (const comment of dockerfile.getComments()) push(tokens, comment.getRange(), 'comment');
  for (const instruction of dockerfile.getInstructions()) {
    instructionTokens(tokens, instruction, dockerfile.getEscapeCharacter());
    if (instruction.getKeyword() === 'ONBUILD') {
      const trigger = (instruction as Onbuild).getTriggerInstruction();
      if (trigger) instructionTokens(tokens, trigger, dockerfile.getEscapeCharacter());
    }
  }
  tokens.sort((a, b) => a.line - b.line || a.start - b.start);
  // Relative encoding; overlapping tokens (a variable inside a flag's value) keep the first.
  const data: number[] = [];
  let line = 0;
  let start = 0;
  let lastEnd = -1;
  let lastLine = -1;
  for (const token of tokens) {
    if (token.line === lastLine && token.start < lastEnd) continue;
    data.push(token.line - line, token.line === line ? token.start - start : token.start, token.length, token.type, token.modifiers);
    line = token.line;
    start = token.start;
    lastLine = token.line;
    lastEnd = token.start + token.length;
  }
  return { data };
}

/** BuildKit checks about how instructions are written. */
import * as l10n from '@vscode/l10n';
import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Finding, Rule } from '../types';
import { findStage, stagesOf, type Stage } from '../../features/stages';
import { lineStartsOf, lineText, textOf } from './util';

export const noEmptyContinuation: Rule = {
  code: 'NoEmptyContinuation', source: 'buildkit', title: 'Empty continuation lines', defaultSeverity: 'warning',
  check(context) {
    const starts = lineStartsOf(context.text);
    const findings: Finding[] = [];
    for (const instruction of context.dockerfile.getInstructions()) {
      const range = instruction.getRange();
      if (range.start.line === range.end.line) continue;
      // Heredoc bodies are data: blank lines there are content, not continuations.
      if (/<<-?["']?[A-Za-z_]/.test(lineText(context.text, starts, range.start.line))) continue;
      const empty: number[] = [];
      for (let line = range.start.line + 1; line < range.end.line; line++) {
        if (lineText(context.text, starts, line).trim() === '') empty.push(line);
      }
      if (empty.length === 0) continue;
      const edits: TextEdit[] = empty.map((line) => ({ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }));
      // BuildKit reports where the continued instruction ends, the line its parser was on.
      const last = range.end.line;
      const at = { start: { line: last, character: 0 }, end: { line: last, character: lineText(context.text, starts, last).length } };
      findings.push({ range: at, message: l10n.t('Empty continuation line found in: {0}', instruction.getKeyword()), fixes: [{ title: l10n.t('Remove the empty continuation lines'), edits }] });
    }
    return findings;
  },
};

export const consistentInstructionCasing: Rule = {
  code: 'ConsistentInstructionCasing', source: 'buildkit', title: 'Instructions should use one casing', defaultSeverity: 'warning',
  check(context) {
    const instructions = context.dockerfile.getInstructions();
    let upper = 0;
    let lower = 0;
    for (const instruction of instructions) {
      const word = instruction.getInstruction();
      if (word === word.toUpperCase()) upper++;
      else if (word === word.toLowerCase()) lower++;
    }
    const wantUpper = upper >= lower;
    const findings: Finding[] = [];
    for (const instruction of instructions) {
      const word = instruction.getInstruction();
      const wanted = wantUpper ? word.toUpperCase() : word.toLowerCase();
      if (word === wanted) continue;
      const range = instruction.getInstructionRange();
      findings.push({
        range,
        message: wantUpper
          ? l10n.t("Command '{0}' should match the case of the command majority (uppercase)", word)
          : l10n.t("Command '{0}' should match the case of the command majority (lowercase)", word),
        fixes: [{ title: l10n.t('Change to \'{0}\'', wanted), edits: [{ range, newText: wanted }] }],
      });
    }
    return findings;
  },
};

/** Splits a shell-form command into words when no shell feature is involved. */
export function execForm(command: string): string | undefined {
  const trimmed = command.trim();
  if (trimmed === '') return undefined;
  if (/^[^\s"'`$&|;<>(){}*?~\\#!=]+(\s+[^\s"'`$&|;<>(){}*?~\\#!=]+)*$/.test(trimmed)) return JSON.stringify(trimmed.split(/\s+/)).replace(/","/g, '", "');
  return `["/bin/sh", "-c", ${JSON.stringify(trimmed)}]`;
}

export const jsonArgsRecommended: Rule = {
  code: 'JSONArgsRecommended', source: 'buildkit', title: 'Use JSON (exec) form for CMD and ENTRYPOINT', defaultSeverity: 'warning',
  check(context) {
    const starts = lineStartsOf(context.text);
    const findings: Finding[] = [];
    const stages = stagesOf(context.dockerfile);
    // A SHELL anywhere in a base stage (or its own base) carries over to the stages built
    // on it. A base is always an earlier stage, so one pass in order knows each base's
    // answer (walking every chain again was quadratic: 60 ms on 200 chained stages).
    const shellAtEnd = new Map<Stage, boolean>();
    for (const stage of stages) {
      const base = findStage(stages, stage.from.getImage() ?? '', stage.index);
      let shellSet = base !== undefined && shellAtEnd.get(base) === true;
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword === 'SHELL') shellSet = true;
        if ((keyword !== 'CMD' && keyword !== 'ENTRYPOINT') || shellSet) continue;
        const json = instruction as JSONInstruction;
        const args = instruction.getArgumentsRange();
        if (!args || json.getOpeningBracket() !== null) continue;
        const raw = textOf(context.text, starts, args);
        const finding: Finding = { range: instruction.getRange(), message: l10n.t('JSON arguments recommended for {0} to prevent unintended behavior related to OS signals', keyword) };
        const form = args.start.line === args.end.line ? execForm(raw) : undefined;
        if (form) finding.fixes = [{ title: l10n.t('Use JSON (exec) form'), edits: [{ range: args, newText: form }] }];
        findings.push(finding);
      }
      shellAtEnd.set(stage, shellSet);
    }
    return findings;
  },
};

export const maintainerDeprecated: Rule = {
  code: 'MaintainerDeprecated', source: 'buildkit', title: 'MAINTAINER is deprecated', defaultSeverity: 'warning',
  check(context) {
    const starts = lineStartsOf(context.text);
    return context.dockerfile.getInstructions().filter((instruction) => instruction.getKeyword() === 'MAINTAINER').map((instruction) => {
      const args = instruction.getArgumentsRange();
      const value = args ? textOf(context.text, starts, args).trim().replace(/^"(.*)"$/, '$1') : '';
      const range: Range = instruction.getRange();
      return {
        range: instruction.getInstructionRange(),
        message: l10n.t('The MAINTAINER instruction is deprecated, use a label instead to define an image author'),
        fixes: [{ title: l10n.t('Replace with LABEL org.opencontainers.image.authors'), edits: [{ range, newText: `LABEL org.opencontainers.image.authors=${JSON.stringify(value)}` }] }],
      };
    });
  },
};

export const multipleInstructionsDisallowed: Rule = {
  code: 'MultipleInstructionsDisallowed', source: 'buildkit', title: 'Only the last CMD, ENTRYPOINT or HEALTHCHECK counts', defaultSeverity: 'warning',
  check(context) {
    const findings: Finding[] = [];
    for (const stage of stagesOf(context.dockerfile)) {
      for (const keyword of ['CMD', 'ENTRYPOINT', 'HEALTHCHECK']) {
        const all = stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);
        for (const instruction of all.slice(0, -1)) {
          findings.push({
            range: instruction.getInstructionRange(),
            message: l10n.t('Multiple {0} instructions should not be used in the same stage because only the last one will be used', keyword),
            fixes: [{ title: l10n.t('Remove this {0}', keyword), edits: [{ range: wholeLines(instruction), newText: '' }] }],
          });
        }
      }
    }
    return findings;
  },
};

function wholeLines(instruction: Instruction): Range {
  const range = instruction.getRange();
  return { start: { line: range.start.line, character: 0 }, end: { line: range.end.line + 1, character: 0 } };
}

const parserDirective = /^\s*#\s*(check|syntax|escape)\s*=/i;

export const invalidDefinitionDescription: Rule = {
  code: 'InvalidDefinitionDescription', source: 'buildkit', title: 'Description comments should start with the name they describe', defaultSeverity: 'warning', experimental: true,
  check(context) {
    const starts = lineStartsOf(context.text);
    const findings: Finding[] = [];
    for (const instruction of context.dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword();
      let names: string[] = [];
      if (keyword === 'ARG') names = (instruction as unknown as { getProperties(): Array<{ getName(): string }> }).getProperties().map((property) => property.getName());
      else if (keyword === 'FROM') {
        const stage = stagesOf(context.dockerfile).find((candidate) => candidate.from === instruction);
        if (stage?.name) names = [stage.name];
      }
      if (names.length === 0) continue;
      // The comment block directly above (no blank line between) is the description.
      let line = instruction.getRange().start.line - 1;
      let first: number | undefined;
      while (line >= 0 && /^\s*#/.test(lineText(context.text, starts, line)) && !parserDirective.test(lineText(context.text, starts, line))) first = line--;
      if (first === undefined) continue;
      const comment = lineText(context.text, starts, first).replace(/^\s*#\s?/, '');
      if (/^(hadolint|check=|syntax=|escape=)/.test(comment.trim())) continue;
      const word = comment.trim().split(/\s+/)[0] ?? '';
      if (names.includes(word)) continue;
      // BuildKit reports on the instruction the comment describes.
      findings.push({ range: instruction.getInstructionRange(), message: keyword === 'ARG'
        ? l10n.t('Comment for build argument should follow the format: `# {0} <description>`', names.length === 1 ? names[0] : '<arg_key>')
        : l10n.t('Comment for build stage should follow the format: `# {0} <description>`', names.length === 1 ? names[0] : '<arg_key>') });
    }
    return findings;
  },
};

export const syntaxRules: Rule[] = [
  noEmptyContinuation, consistentInstructionCasing, jsonArgsRecommended, maintainerDeprecated, multipleInstructionsDisallowed, invalidDefinitionDescription,
];

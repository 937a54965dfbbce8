/**
 * Inlay hints: an ARG's default value after each `$NAME` that uses it, and the stage
 * name after `--from=<index>` / `from=<index>`. One forward pass per stage, so cost stays
 * linear (the AST's resolveVariable rescans the file on every call).
 */
import * as l10n from '@vscode/l10n';
import { InlayHintKind, type InlayHint, type Position } from 'vscode-languageserver-types';
import type { InlayHintParams } from 'vscode-languageserver/node';
import type { Instruction, Property } from 'dockerfile-ast';
import type { FeatureDoc, FeatureHost } from './types';
import { stagesOf, findStage } from './stages';
import { flagsOf, globalArgs } from '../rules/buildkit/util';
import { variableUses } from '../rules/buildkit/variables';

function within(params: InlayHintParams, position: Position): boolean {
  const { start, end } = params.range;
  return position.line >= start.line && position.line <= end.line;
}

function short(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}

export function inlayHints(_analyzer: FeatureHost, doc: FeatureDoc, params: InlayHintParams): InlayHint[] {
  const hints: InlayHint[] = [];
  const stages = stagesOf(doc.dockerfile);
  const globals = globalArgs(doc.dockerfile);
  const escapeChar = doc.dockerfile.getEscapeCharacter();
  const useHint = (instruction: Instruction, defaults: Map<string, string | null>) => {
    for (const variable of variableUses(instruction, escapeChar)) {
      const value = defaults.get(variable.name);
      const position = variable.range.end;
      if (value === undefined || value === null || value === '' || !within(params, position)) continue;
      hints.push({ position, label: `= ${short(value)}`, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip: l10n.t('ARG {0} defaults to "{1}"', variable.name, value) });
    }
  };
  for (const stage of stages) {
    useHint(stage.from, globals);
    // Inside a stage, only ARGs redeclared there are in scope; `ARG NAME` takes the global default.
    const defaults = new Map<string, string | null>();
    for (const instruction of stage.instructions.slice(1)) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'ARG' && keyword !== 'ENV') useHint(instruction, defaults);
      if (keyword === 'ARG') {
        for (const property of (instruction as unknown as { getProperties(): Property[] }).getProperties()) {
          defaults.set(property.getName(), property.getValue() ?? globals.get(property.getName()) ?? null);
        }
      } else if (keyword === 'ENV') {
        // An ENV of the same name wins over the ARG: its value is not a default any more.
        for (const property of (instruction as unknown as { getProperties(): Property[] }).getProperties()) defaults.delete(property.getName());
      }
      for (const flag of flagsOf(instruction)) {
        const option = flag.getName() === 'mount' ? flag.getOption('from') : undefined;
        const value = flag.getName() === 'from' ? flag.getValue() : option?.getValue();
        const range = flag.getName() === 'from' ? flag.getValueRange() : option?.getValueRange();
        if (!value || !range || !/^\d+$/.test(value) || !within(params, range.end)) continue;
        const target = findStage(stages, value);
        if (target?.name) hints.push({ position: range.end, label: target.name, kind: InlayHintKind.Type, paddingLeft: true, tooltip: l10n.t("stage {0} is '{1}'", value, target.name) });
      }
    }
  }
  return hints;
}

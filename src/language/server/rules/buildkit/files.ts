/** BuildKit checks about paths and ports: WORKDIR, COPY sources, EXPOSE. */
import * as l10n from '@vscode/l10n';
import type { Copy, Instruction } from 'dockerfile-ast';
import type { Finding, Rule } from '../types';
import { stagesOf, findStage, type Stage } from '../../features/stages';
import { contextPath, dockerignoreMatcher, excludesWholeContext } from '../../../../engine/dockerignore';
import { flagsOf } from './util';

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');
}

export const workdirRelativePath: Rule = {
  code: 'WorkdirRelativePath', source: 'buildkit', title: 'Relative WORKDIR without an absolute one before it', defaultSeverity: 'warning',
  check(context) {
    const stages = stagesOf(context.dockerfile);
    const absolute = new Map<Stage, boolean>();
    const findings: Finding[] = [];
    for (const stage of stages) {
      const parent = stage.from.getImage() ? findStage(stages, stage.from.getImage() as string, stage.index) : undefined;
      let hasAbsolute = parent ? absolute.get(parent) ?? false : false;
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() !== 'WORKDIR') continue;
        const args = instruction.getArguments();
        const path = args.map((arg) => arg.getValue()).join(' ');
        if (!path || path.startsWith('$')) {
          hasAbsolute = true; // a variable may well hold an absolute path: assume it does
          continue;
        }
        if (isAbsolute(path)) hasAbsolute = true;
        else if (!hasAbsolute) findings.push({ range: args[0].getRange(), message: l10n.t('Relative workdir "{0}" can have unexpected results if the base image changes', path) });
      }
      absolute.set(stage, hasAbsolute);
    }
    return findings;
  },
};

function sources(instruction: Instruction): Array<{ value: string; range: Finding['range'] }> {
  const json = (instruction as Copy).getJSONStrings?.() ?? [];
  const args = json.length > 0
    ? json.map((arg) => ({ value: arg.getJSONValue(), range: arg.getRange() }))
    : instruction.getArguments().map((arg) => ({ value: arg.getValue(), range: arg.getRange() }));
  const flags = flagsOf(instruction).length;
  // Shell form: the flags are arguments too; drop them, and the destination at the end.
  return (json.length > 0 ? args : args.slice(flags)).slice(0, -1);
}

export const copyIgnoredFile: Rule = {
  code: 'CopyIgnoredFile', source: 'buildkit', title: 'COPY or ADD of a file .dockerignore excludes', defaultSeverity: 'warning',
  check(context) {
    if (context.dockerignore.length === 0) return [];
    const ignored = dockerignoreMatcher(context.dockerignore);
    const findings: Finding[] = [];
    for (const instruction of context.dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      if (flagsOf(instruction).some((flag) => flag.getName() === 'from')) continue;
      for (const source of sources(instruction)) {
        const value = source.value;
        if (value.startsWith('<<') || /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('git@') || value.includes('$') || /[*?[]/.test(value)) continue;
        const excluded = contextPath(value) === '' ? excludesWholeContext(context.dockerignore) : ignored(value);
        if (excluded) findings.push({ range: source.range, message: keyword === 'COPY'
          ? l10n.t('Attempting to Copy file "{0}" that is excluded by .dockerignore', value)
          : l10n.t('Attempting to Add file "{0}" that is excluded by .dockerignore', value) });
      }
    }
    return findings;
  },
};

function exposed(instruction: Instruction) {
  return instruction.getKeyword() === 'EXPOSE' ? instruction.getArguments() : [];
}

export const exposeProtoCasing: Rule = {
  code: 'ExposeProtoCasing', source: 'buildkit', title: 'EXPOSE protocols should be lowercase', defaultSeverity: 'warning',
  check(context) {
    const findings: Finding[] = [];
    for (const instruction of context.dockerfile.getInstructions()) {
      for (const arg of exposed(instruction)) {
        const value = arg.getValue();
        const slash = value.lastIndexOf('/');
        if (slash < 0 || value.slice(slash + 1) === value.slice(slash + 1).toLowerCase()) continue;
        const fixed = value.slice(0, slash + 1) + value.slice(slash + 1).toLowerCase();
        findings.push({ range: arg.getRange(), message: l10n.t('Defined protocol \'{0}\' in EXPOSE instruction should be lowercase', value), fixes: [{ title: l10n.t('Change to \'{0}\'', fixed), edits: [{ range: arg.getRange(), newText: fixed }] }] });
      }
    }
    return findings;
  },
};

export const exposeInvalidFormat: Rule = {
  code: 'ExposeInvalidFormat', source: 'buildkit', title: 'EXPOSE takes container ports only', defaultSeverity: 'warning',
  check(context) {
    const findings: Finding[] = [];
    for (const instruction of context.dockerfile.getInstructions()) {
      for (const arg of exposed(instruction)) {
        const value = arg.getValue();
        if (!value.includes(':') || value.includes('$')) continue;
        const containerPort = value.slice(value.lastIndexOf(':') + 1);
        findings.push({
          range: arg.getRange(),
          message: l10n.t('EXPOSE instruction should not define an IP address or host-port mapping, found \'{0}\'', value),
          fixes: containerPort ? [{ title: l10n.t('Expose only \'{0}\'', containerPort), edits: [{ range: arg.getRange(), newText: containerPort }] }] : [],
        });
      }
    }
    return findings;
  },
};

export const fileRules: Rule[] = [workdirRelativePath, copyIgnoredFile, exposeProtoCasing, exposeInvalidFormat];

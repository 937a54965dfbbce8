/** BuildKit checks about FROM lines and stage names. */
import * as l10n from '@vscode/l10n';
import type { Copy, From, Instruction, Run } from 'dockerfile-ast';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Finding, Rule, RuleContext } from '../types';
import { stagesOf } from '../../features/stages';
import { flagsOf, lineStartsOf, removeFlagEdit } from './util';

/** Every place a stage name is referenced: `FROM name`, `COPY --from=name`, `--mount=...,from=name`. */
export function stageReferences(context: RuleContext, name: string): Range[] {
  const lower = name.toLowerCase();
  const ranges: Range[] = [];
  const visit = (instruction: Instruction) => {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      const from = instruction as From;
      if (from.getImage()?.toLowerCase() === lower && from.getImageRange()) ranges.push(from.getImageRange() as Range);
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      const flag = (instruction as Copy).getFromFlag?.() ?? flagsOf(instruction).find((f) => f.getName() === 'from');
      if (flag && flag.getValue()?.toLowerCase() === lower && flag.getValueRange()) ranges.push(flag.getValueRange() as Range);
    } else if (keyword === 'RUN') {
      for (const flag of flagsOf(instruction as Run)) {
        if (flag.getName() !== 'mount') continue;
        const option = flag.getOption('from');
        if (option && option.getValue()?.toLowerCase() === lower && option.getValueRange()) ranges.push(option.getValueRange() as Range);
      }
    }
  };
  for (const instruction of context.dockerfile.getInstructions()) visit(instruction);
  return ranges;
}

export const stageNameCasing: Rule = {
  code: 'StageNameCasing', source: 'buildkit', title: 'Stage names should be lowercase', defaultSeverity: 'warning',
  check(context) {
    const findings: Finding[] = [];
    for (const stage of stagesOf(context.dockerfile)) {
      if (!stage.name || !stage.nameRange || stage.name === stage.name.toLowerCase()) continue;
      const lower = stage.name.toLowerCase();
      const edits: TextEdit[] = [{ range: stage.nameRange, newText: lower }, ...stageReferences(context, stage.name).map((range) => ({ range, newText: lower }))];
      findings.push({ range: stage.nameRange, message: l10n.t('Stage name \'{0}\' should be lowercase', stage.name), fixes: [{ title: l10n.t('Rename stage to \'{0}\'', lower), edits }] });
    }
    return findings;
  },
};

export const fromAsCasing: Rule = {
  code: 'FromAsCasing', source: 'buildkit', title: "The 'as' keyword should match the case of 'FROM'", defaultSeverity: 'warning',
  check(context) {
    const findings: Finding[] = [];
    for (const stage of stagesOf(context.dockerfile)) {
      const args = stage.from.getArguments();
      const as = args.find((arg, index) => index > 0 && arg.getValue().toLowerCase() === 'as');
      if (!as) continue;
      const keyword = stage.from.getInstruction();
      const fromUpper = keyword === keyword.toUpperCase();
      const fromLower = keyword === keyword.toLowerCase();
      const value = as.getValue();
      if ((fromUpper && value === 'AS') || (fromLower && value === 'as') || (!fromUpper && !fromLower)) continue;
      const wanted = fromUpper ? 'AS' : 'as';
      findings.push({ range: as.getRange(), message: l10n.t("'{0}' and '{1}' keywords' casing do not match", value, keyword), fixes: [{ title: l10n.t("Change '{0}' to '{1}'", value, wanted), edits: [{ range: as.getRange(), newText: wanted }] }] });
    }
    return findings;
  },
};

export const duplicateStageName: Rule = {
  code: 'DuplicateStageName', source: 'buildkit', title: 'Stage names should be unique', defaultSeverity: 'error',
  check(context) {
    const seen = new Set<string>();
    const findings: Finding[] = [];
    for (const stage of stagesOf(context.dockerfile)) {
      if (!stage.name || !stage.nameRange) continue;
      const lower = stage.name.toLowerCase();
      if (seen.has(lower)) findings.push({ range: stage.nameRange, message: l10n.t('Duplicate stage name \'{0}\', stage names should be unique', stage.name) });
      seen.add(lower);
    }
    return findings;
  },
};

export const reservedStageName: Rule = {
  code: 'ReservedStageName', source: 'buildkit', title: "Reserved words ('scratch', 'context') are not stage names", defaultSeverity: 'error',
  check(context) {
    return stagesOf(context.dockerfile)
      .filter((stage) => stage.name && stage.nameRange && ['scratch', 'context'].includes(stage.name.toLowerCase()))
      .map((stage) => ({ range: stage.nameRange as Range, message: l10n.t("'{0}' is reserved and should not be used as a stage name", String(stage.name)) }));
  },
};

export const redundantTargetPlatform: Rule = {
  code: 'RedundantTargetPlatform', source: 'buildkit', title: '--platform=$TARGETPLATFORM is the default', defaultSeverity: 'info',
  check(context) {
    const starts = lineStartsOf(context.text);
    const findings: Finding[] = [];
    for (const stage of stagesOf(context.dockerfile)) {
      const flag = stage.from.getPlatformFlag();
      const value = flag?.getValue()?.trim();
      if (!flag || (value !== '$TARGETPLATFORM' && value !== '${TARGETPLATFORM}')) continue;
      findings.push({
        range: flag.getRange(),
        message: l10n.t('Setting platform to predefined {0} in FROM is redundant as this is the default behavior', value),
        fixes: [{ title: l10n.t('Remove the redundant --platform flag'), edits: [removeFlagEdit(context.text, starts, flag)] }],
      });
    }
    return findings;
  },
};

export const fromPlatformFlagConstDisallowed: Rule = {
  code: 'FromPlatformFlagConstDisallowed', source: 'buildkit', title: 'FROM --platform should not be a constant', defaultSeverity: 'info',
  check(context) {
    const findings: Finding[] = [];
    for (const stage of stagesOf(context.dockerfile)) {
      const flag = stage.from.getPlatformFlag();
      const value = flag?.getValue();
      if (!flag || !value || value.includes('$')) continue;
      // A stage named after its platform (build_amd64) is deliberate: BuildKit lets it pass.
      const parts = value.toLowerCase().split('/');
      if (stage.name && parts.some((part) => part && stage.name?.toLowerCase().includes(part))) continue;
      findings.push({ range: flag.getRange(), message: l10n.t('FROM --platform flag should not use constant value "{0}"', value) });
    }
    return findings;
  },
};

/** `alpine` and `docker.io/library/alpine:latest` are the same image. */
export function normalizeImageRef(ref: string): string {
  let name = ref.trim();
  let suffix = '';
  const at = name.indexOf('@');
  if (at >= 0) {
    suffix = name.slice(at);
    name = name.slice(0, at);
  } else {
    const colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      suffix = name.slice(colon);
      name = name.slice(0, colon);
    } else suffix = ':latest';
  }
  name = name.replace(/^docker\.io\//, '').replace(/^index\.docker\.io\//, '').replace(/^library\//, '');
  return `${name}${suffix}`.toLowerCase();
}

function platformMatches(have: string, want: string): boolean {
  const [os, arch, variant] = have.toLowerCase().split('/');
  const [wantOs, wantArch, wantVariant] = want.toLowerCase().split('/');
  return os === wantOs && arch === wantArch && (!variant || !wantVariant || variant === wantVariant);
}

export const invalidBaseImagePlatform: Rule = {
  code: 'InvalidBaseImagePlatform', source: 'buildkit', title: "The local base image's platform does not match the build's", defaultSeverity: 'warning',
  check(context) {
    const images = context.images ?? [];
    if (images.length === 0) return [];
    const byRef = new Map(images.map((image) => [normalizeImageRef(image.ref), image]));
    const stageNames = new Set(stagesOf(context.dockerfile).map((stage) => stage.name?.toLowerCase()));
    const findings: Finding[] = [];
    for (const stage of stagesOf(context.dockerfile)) {
      const ref = stage.from.getImage();
      const range = stage.from.getImageRange();
      if (!ref || !range || ref.includes('$') || stageNames.has(ref.toLowerCase())) continue;
      const image = byRef.get(normalizeImageRef(ref));
      if (!image?.platforms?.length) continue;
      const flag = stage.from.getPlatformFlag()?.getValue();
      const expected = flag && !flag.includes('$') ? flag : context.enginePlatform;
      if (!expected || image.platforms.some((platform) => platformMatches(platform, expected))) continue;
      findings.push({ range, message: l10n.t('Base image {0} was pulled with platform "{1}", expected "{2}" for current build', ref, image.platforms.join(', '), expected) });
    }
    return findings;
  },
};

export const stageRules: Rule[] = [
  stageNameCasing, fromAsCasing, duplicateStageName, reservedStageName, redundantTargetPlatform, fromPlatformFlagConstDisallowed, invalidBaseImagePlatform,
];

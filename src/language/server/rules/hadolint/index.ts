/** hadolint's DL rules, under hadolint's codes. */
import type { Rule } from '../types';
import { aptRules } from './apt';
import { commandRules } from './commands';
import { copyRules } from './copy';
import { fromRules } from './from';
import { instructionRules } from './instructions';
import { labelRules } from './labels';
import { langRules } from './langpkg';
import { rpmRules } from './rpm';

export const hadolintRules: Rule[] = [...aptRules, ...rpmRules, ...langRules, ...commandRules, ...fromRules, ...copyRules, ...instructionRules, ...labelRules].sort((a, b) =>
  a.code.localeCompare(b.code),
);

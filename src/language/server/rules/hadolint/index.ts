/** hadolint's DL rules, under hadolint's codes. */
import type { Rule } from '../types';
import { aptRules } from './apt';
import { commandRules } from './commands';
import { langRules } from './langpkg';
import { rpmRules } from './rpm';

export const hadolintRules: Rule[] = [...aptRules, ...rpmRules, ...langRules, ...commandRules].sort((a, b) => a.code.localeCompare(b.code));

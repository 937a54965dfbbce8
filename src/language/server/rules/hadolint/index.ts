/** hadolint's DL rules, under hadolint's codes. */
import type { Rule } from '../types';

export const hadolintRules: Rule[] = [];

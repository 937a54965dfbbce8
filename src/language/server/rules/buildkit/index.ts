/** BuildKit's build checks, under BuildKit's names. */
import type { Rule } from '../types';

export const buildkitRules: Rule[] = [];

/** Berth's own rules: checks neither BuildKit nor hadolint has. */
import type { Rule } from '../types';
import { unknownFlag } from './flags';
import { malformedExecForm } from './execForm';

export const berthRules: Rule[] = [unknownFlag, malformedExecForm];

/** BuildKit's build checks, under BuildKit's names, computed natively (one file per family). */
import type { Rule } from '../types';
import { stageRules } from './stages';
import { argRules } from './args';
import { syntaxRules } from './syntax';
import { fileRules } from './files';

export const buildkitRules: Rule[] = [...syntaxRules, ...stageRules, ...argRules, ...fileRules];

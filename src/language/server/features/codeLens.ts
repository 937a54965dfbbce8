/**
 * "Build this stage" above every named stage (`FROM … AS name`); the build task (another
 * part of Berth) runs the command. Unnamed stages get none: `--target` takes names only.
 */
import * as l10n from '@vscode/l10n';
import type { CodeLens } from 'vscode-languageserver-types';
import type { FeatureDoc, FeatureHost } from './types';
import { buildStageCommand, type BuildStageArgs } from '../../protocol';
import { stagesOf } from './stages';

export function codeLenses(_analyzer: FeatureHost, doc: FeatureDoc): CodeLens[] {
  return stagesOf(doc.dockerfile).flatMap((stage) => {
    if (!stage.name) return [];
    const args: BuildStageArgs = { dockerfile: doc.uri, target: stage.name };
    return [{ range: stage.from.getInstructionRange(), command: { title: l10n.t('Build stage {0}', stage.name), command: buildStageCommand, arguments: [args] } }];
  });
}

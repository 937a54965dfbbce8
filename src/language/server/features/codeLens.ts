/** "Build this stage" above every FROM; the build task (another part of Berth) runs the command. */
import type { CodeLens } from 'vscode-languageserver-types';
import type { Analyzer, Doc } from '../analyzer';
import { buildStageCommand, type BuildStageArgs } from '../../protocol';
import { stagesOf } from './stages';

export function codeLenses(_analyzer: Analyzer, doc: Doc): CodeLens[] {
  return stagesOf(doc.dockerfile).map((stage) => {
    const args: BuildStageArgs = { dockerfile: doc.uri, target: stage.name ?? String(stage.index) };
    return { range: stage.from.getInstructionRange(), command: { title: `Build stage ${stage.name ?? `#${stage.index}`}`, command: buildStageCommand, arguments: [args] } };
  });
}

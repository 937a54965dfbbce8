/**
 * Code lenses in compose files: "Up" on the `services:` key (the whole project) and
 * "Up" on each service (that service and what it depends on, as the tool does). They run
 * berth.compose.up with the file and the service. A file that does not parse gets no
 * lenses; its errors are already diagnostics.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isComposeFileName } from './files';
import type { ParseCompose } from './load';

/** Where the lenses go: compose files by the names the tools find on their own (files named only in COMPOSE_FILE get none). */
export function composeSelector(): vscode.DocumentSelector {
  return [{ scheme: 'file', pattern: '**/{compose,docker-compose}{,.override}.{yaml,yml}' }];
}

export class ComposeLenses implements vscode.CodeLensProvider {
  constructor(private readonly parseCompose: ParseCompose) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isComposeFileName(path.basename(document.uri.fsPath))) return [];
    const model = this.parseCompose(document.getText());
    if (model.problems.length > 0) return [];
    const lenses: vscode.CodeLens[] = [];
    const at = (line: number) => new vscode.Range(line, 0, line, 0);
    if (model.servicesPosition) {
      lenses.push(new vscode.CodeLens(at(model.servicesPosition.line), { title: `$(run-all) ${vscode.l10n.t('Up')}`, tooltip: vscode.l10n.t('compose up --detach: every service of the project'), command: 'berth.compose.up', arguments: [{ file: document.uri.fsPath }] }));
    }
    for (const service of model.services) {
      // l10n-ignore: the command line it runs
      lenses.push(new vscode.CodeLens(at(service.position.line), { title: `$(play) ${vscode.l10n.t('Up')}`, tooltip: `compose up --detach ${service.name}`, command: 'berth.compose.up', arguments: [{ file: document.uri.fsPath, service: service.name }] }));
    }
    return lenses;
  }
}

/** Dockerfiles on disk in the host's workspace folder, opened in the real editor. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from '../../support/wait';

/** A fresh folder for one suite's files, inside the workspace the host opened (so .hadolint.yaml lookups are real). */
export function scratchFolder(prefix: string): string {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.tmpdir();
  return fs.mkdtempSync(path.join(base, `${prefix}-`));
}

export async function openDockerfile(folder: string, name: string, text: string): Promise<vscode.TextDocument> {
  const file = path.join(folder, name);
  fs.writeFileSync(file, text);
  let document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  if (document.languageId !== 'dockerfile') document = await vscode.languages.setTextDocumentLanguage(document, 'dockerfile');
  return document;
}

export function diagnosticCode(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return code === undefined ? undefined : String(typeof code === 'object' ? code.value : code);
}

/** Waits until the document's diagnostics satisfy `ready` (the server lints asynchronously). */
export function diagnosticsWhen(uri: vscode.Uri, ready: (codes: string[]) => boolean, what: string, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const diagnostics = vscode.languages.getDiagnostics(uri);
    return ready(diagnostics.map(diagnosticCode).filter((code): code is string => code !== undefined)) ? diagnostics : undefined;
  }, what, timeoutMs);
}

export const aptDockerfile = 'FROM busybox:local\nRUN apt-get update && apt-get install curl\n';
export const aptCodes = ['DL3008', 'DL3015', 'DL3009'];

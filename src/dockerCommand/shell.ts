/** Which shell's quoting the user's terminal wants, from the platform and VS Code's default terminal profile. */
import * as vscode from 'vscode';
import { quoteCommand, shellKindFor, ShellKind } from '../engine/shellQuote';

const profileKey: Record<string, string> = { win32: 'windows', darwin: 'osx' };

export function userShellKind(): ShellKind {
  const os = profileKey[process.platform] ?? 'linux';
  const profile = vscode.workspace.getConfiguration('terminal.integrated').get<string | null>(`defaultProfile.${os}`) ?? '';
  return shellKindFor(process.platform, profile);
}

/** The argv as one line for the user's shell. */
export function commandLine(argv: readonly string[]): string {
  return quoteCommand(argv, userShellKind());
}

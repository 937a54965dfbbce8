/**
 * The env file chosen for a compose project (`--env-file`), remembered per project folder in
 * the workspace's state. Without a choice the tools read the folder's .env, and so does Berth.
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';

const stateKey = 'berth.compose.envFiles';

/** Names in a folder that look like env files: .env, .env.<anything>, <anything>.env. */
export function envFileCandidates(entries: readonly string[]): string[] {
  return entries.filter((name) => name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > 4)).sort();
}

export class EnvFileChoices {
  constructor(private readonly state: vscode.Memento) {}

  /** The chosen env file (absolute) for the project in `dir`; undefined: the folder's .env. */
  of(dir: string): string | undefined {
    return this.state.get<Record<string, string>>(stateKey, {})[dir];
  }

  /** Remembers `file` for `dir`; undefined (or the folder's own .env) forgets the choice. */
  async set(dir: string, file: string | undefined): Promise<void> {
    const { [dir]: _previous, ...others } = this.state.get<Record<string, string>>(stateKey, {});
    const plain = file === undefined || path.resolve(file) === path.join(dir, '.env');
    await this.state.update(stateKey, plain ? others : { ...others, [dir]: path.resolve(file) });
  }
}

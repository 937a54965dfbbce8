/**
 * Berth's log shows the `docker` command of every action any engine is sent, one line each,
 * quoted for the user's shell; and remembers, per image reference, the command that made it
 * (build, pull, tag, import) for the Images view's "Copy as docker command".
 */
import type * as vscode from 'vscode';
import { onEngineAction } from '../engine/actionFeed';
import { commandLine } from './shell';

// A session's memory, bounded: the oldest entries go first.
const origins = new Map<string, string[]>();
const maxOrigins = 500;

/** The command that made `ref` in this session, if Berth made it. */
export function imageOrigin(ref: string): string[] | undefined {
  return origins.get(ref) ?? origins.get(`${ref}:latest`);
}

function remember(ref: string, argv: string[]): void {
  origins.delete(ref);
  origins.set(ref, argv);
  if (origins.size > maxOrigins) origins.delete(origins.keys().next().value as string);
}

/** Which references an action makes: a build's -t, a pull's, a tag's target, an import's repository. */
export function refsMadeBy(argv: string[]): string[] {
  const [, verb, ...rest] = argv;
  switch (verb) {
    case 'build': return rest.flatMap((word, i) => (rest[i - 1] === '-t' ? [word] : []));
    case 'pull': return rest.includes('-a') ? [] : [rest[rest.length - 1]];
    case 'tag': return [rest[1]];
    // `import … - repo:tag`: the word after the stdin dash, when there is one.
    case 'import': return rest[rest.length - 2] === '-' ? [rest[rest.length - 1]] : [];
    default: return [];
  }
}

export function registerDockerCommandLog(log: vscode.LogOutputChannel): vscode.Disposable {
  const stop = onEngineAction(({ argv }) => {
    log.info(commandLine(argv));
    for (const ref of refsMadeBy(argv)) remember(ref, argv);
  });
  return { dispose: stop };
}

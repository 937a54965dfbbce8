/** A task's terminal prints each `docker` command its work sends, before the engine's answer, as `$ docker …`. */
import { withActionSink } from '../engine/actionFeed';
import type { TaskWork } from '../tasks/terminal';
import { commandLine } from './shell';

const dim = (text: string): string => `\x1b[2m${text}\x1b[0m`;

export function echoingCommands(work: TaskWork): TaskWork {
  return (out, signal) => withActionSink((argv) => out.line(dim(`$ ${commandLine(argv)}`)), () => work(out, signal));
}

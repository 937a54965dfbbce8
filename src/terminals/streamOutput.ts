/**
 * Output of an interactive process to terminal text. With a TTY the bytes are the
 * screen (decoded, escape sequences untouched); without one, bare "\n" needs a "\r"
 * and stderr is coloured. No vscode import: pure over Buffers.
 */
import type { StreamKind } from '../engine';
import { ansi } from './logFormat';
import { TtyDecoder } from './text';

export class ProcessOutput {
  private readonly decoders: Record<StreamKind, TtyDecoder> = { stdin: new TtyDecoder(), stdout: new TtyDecoder(), stderr: new TtyDecoder() };

  constructor(readonly tty: boolean) {}

  push(stream: StreamKind, chunk: Buffer): string {
    const text = this.decoders[stream].push(chunk);
    if (this.tty) return text;
    const piece = text.replace(/\r?\n/g, '\r\n');
    return stream === 'stderr' && piece ? `${ansi.red}${piece}${ansi.reset}` : piece;
  }

  end(): string {
    return this.decoders.stdout.end() + this.decoders.stderr.end();
  }
}

/** ctrl-p ctrl-q, docker's default detach keys, as the terminal sends them. */
export const detachSequence = '\x10\x11';

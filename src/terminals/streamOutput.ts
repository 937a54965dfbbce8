/**
 * Output of an interactive process to terminal text. With a TTY the bytes are the
 * screen (decoded, escape sequences untouched); without one they are multiplexed, bare
 * "\n" needs a "\r", and stderr is coloured. No vscode import: pure over Buffers.
 */
import { Demuxer, StreamName } from './demux';
import { ansi } from './logFormat';
import { TtyDecoder } from './text';

export class ProcessOutput {
  private readonly demuxer: Demuxer | undefined;
  private readonly decoders: Record<StreamName, TtyDecoder> = { stdin: new TtyDecoder(), stdout: new TtyDecoder(), stderr: new TtyDecoder() };

  constructor(readonly tty: boolean) {
    this.demuxer = tty ? undefined : new Demuxer();
  }

  push(chunk: Buffer): string {
    if (!this.demuxer) return this.decoders.stdout.push(chunk);
    let text = '';
    for (const frame of this.demuxer.push(chunk)) {
      const piece = this.decoders[frame.stream].push(frame.data).replace(/\r?\n/g, '\r\n');
      text += frame.stream === 'stderr' && piece ? `${ansi.red}${piece}${ansi.reset}` : piece;
    }
    return text;
  }

  end(): string {
    return this.decoders.stdout.end() + this.decoders.stderr.end();
  }
}

/** ctrl-p ctrl-q, docker's default detach keys, as the terminal sends them. */
export const detachSequence = '\x10\x11';
export const detachKeysSetting = 'ctrl-p,ctrl-q';

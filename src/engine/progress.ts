/**
 * Progress streams (pull, push, build, import, load): JSON lines with status,
 * progress, stream, aux, and failures reported inside a 200 answer as `error`.
 */
import * as l10n from '@vscode/l10n';
import type { Readable } from 'node:stream';
import { Api } from './api';
import { EngineError } from './errors';
import { jsonLines } from './streams';
import type { ProgressEvent } from './types';

export interface RawProgress extends ProgressEvent {
  error?: string;
  errorDetail?: { code?: number; message?: string };
  progressDetail?: { current?: number; total?: number };
}

/** The error a failed line carries: kind from its code when it has one. */
export function progressFailure(line: RawProgress, api: Api): EngineError {
  const message = line.errorDetail?.message ?? line.error ?? l10n.t('The engine reported a failure.');
  const code = line.errorDetail?.code;
  const error = Object.assign(new Error(message), { statusCode: code !== undefined && code >= 400 && code < 600 ? code : 500, json: { message } });
  return api.fail(error) as EngineError;
}

/**
 * Reads a progress stream to its end, forwarding each message; throws the first
 * failure as an EngineError. Returns every message (callers pick aux results).
 */
export async function followProgress(api: Api, stream: Readable, onProgress?: (event: ProgressEvent) => void, signal?: AbortSignal): Promise<RawProgress[]> {
  const seen: RawProgress[] = [];
  const abort = (): void => {
    stream.destroy();
  };
  signal?.addEventListener('abort', abort, { once: true });
  try {
    for await (const line of jsonLines<RawProgress>(stream)) {
      if (line.error || line.errorDetail) throw progressFailure(line, api);
      seen.push(line);
      onProgress?.(toProgressEvent(line));
    }
    if (signal?.aborted) throw api.fail(signal.reason ?? new Error('aborted'), signal);
    return seen;
  } catch (error) {
    throw api.fail(error, signal);
  } finally {
    signal?.removeEventListener('abort', abort);
    stream.destroy();
  }
}

export function toProgressEvent(line: RawProgress): ProgressEvent {
  const event: ProgressEvent = {};
  if (line.id !== undefined) event.id = line.id;
  if (line.status !== undefined) event.status = line.status;
  if (line.progress !== undefined) event.progress = line.progress;
  if (line.progressDetail?.current !== undefined) event.current = line.progressDetail.current;
  if (line.progressDetail?.total !== undefined) event.total = line.progressDetail.total;
  if (line.stream !== undefined) event.stream = line.stream;
  if (line.aux !== undefined) event.aux = line.aux;
  return event;
}

/** One sentence for a notification or a view message, whatever was thrown. */
import { EngineError } from './engine/errors';

export function describeError(error: unknown): string {
  if (error instanceof EngineError) return error.detail;
  if (error instanceof Error) return error.message;
  return String(error);
}

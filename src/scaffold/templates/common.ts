/** Pieces every generated Dockerfile shares: the syntax line, exec-form commands, the port. */
import { portToken } from '../detectScripting';

/** BuildKit's frontend, so `RUN --mount=type=cache` works on every builder that reads the line. */
export const syntaxLine = '# syntax=docker/dockerfile:1';

/** A JSON (exec form) argv, with the chosen port put into `{port}`. */
export function execForm(argv: string[], port: number): string {
  return JSON.stringify(argv.map((word) => word.split(portToken).join(String(port)))).replace(/","/g, '", "');
}

/** Joins sections with blank lines and ends the file with one newline. */
export function dockerfileOf(...sections: (string | string[] | undefined | false)[]): string {
  return `${sections.filter((s): s is string | string[] => Boolean(s)).map((s) => (Array.isArray(s) ? s.join('\n') : s)).join('\n\n')}\n`;
}

/**
 * The unprivileged user generated images run as. USER names it by number (DL3066): a uid
 * means the same to the host and to Kubernetes' runAsNonRoot, a name only inside the image.
 */
export const appUid = 10001;
export const createAppUser = `RUN groupadd --system --gid ${appUid} app && useradd --system --no-log-init --uid ${appUid} --gid app --home-dir /app app`;
export const runAsApp = `USER ${appUid}:${appUid}`;

/** Runs every feature once on a small made-up Dockerfile so the JIT has compiled them. */
import type { Analyzer } from './analyzer';
import { features } from './features';
import type { WorkerRole } from './workerMessages';

const sample = `# syntax=docker/dockerfile:1
ARG BASE=alpine:3.20
FROM \${BASE} AS build
ARG VERSION=1
ENV APP=/app PATH=/app/bin:$PATH
WORKDIR $APP
RUN --mount=type=cache,target=/root/.cache echo $VERSION \\
    && echo done
COPY --chmod=644 a.txt b.txt $APP/
LABEL version="$VERSION"
# a comment
FROM build AS final
COPY --from=0 /app /app
EXPOSE 8080/tcp
CMD ["/app/run"]
`;

/**
 * A worker only warms what it will serve: the requests worker every feature but the
 * lint, the checks worker the lint (on bigger versions too). Both at once compete for
 * the same two cores a person's first file needs. Resolves true when every round ran,
 * false when `stop` cut it short.
 */
export async function warmUp(analyzer: Analyzer, role: WorkerRole = 'both', stop: () => boolean = () => false): Promise<boolean> {
  const uri = 'berth-warmup:/Dockerfile';
  const text = Array.from({ length: 4 }, () => sample).join('');
  analyzer.sync(uri, 0, text);
  const params = {
    textDocument: { uri }, position: { line: 7, character: 20 }, range: { start: { line: 0, character: 0 }, end: { line: 300, character: 0 } },
    context: { diagnostics: [], includeDeclaration: true }, options: { tabSize: 4, insertSpaces: true }, ch: '\\', newName: 'x',
  };
  const lintMethods = new Set(['berth/diagnostics', 'berth/lintPart']);
  for (let round = 0; round < 2; round++) {
    for (const method of Object.keys(features)) {
      if (role !== 'both' && lintMethods.has(method) !== (role === 'checks')) continue;
      // ShellCheck is another program: nothing of ours to compile, and no process at start-up.
      if (method === 'berth/test/spin' || method === 'completionItem/resolve' || method === 'berth/shellcheck') continue;
      // Yield between features: a real request that arrives now goes first, and ends the warm-up.
      await new Promise((resolve) => setImmediate(resolve));
      if (stop()) return stopped(analyzer, uri);
      try {
        await analyzer.handle(method, uri, params);
      } catch {
        // warming up only; real requests report their own errors
      }
    }
  }
  // Parsing and linting a big file runs the same code far more often than the small
  // sample does: a few bigger versions get it optimized before a person opens one
  // (the first 1,000-line parse was about five times slower than the fourth).
  for (let round = 0; round < (role === 'requests' ? 0 : 4); round++) {
    analyzer.sync(uri, round + 1, `${Array.from({ length: 40 }, () => sample).join('')}# ${round}\n`);
    for (const part of ['fast', 'rest']) {
      await new Promise((resolve) => setImmediate(resolve));
      if (stop()) return stopped(analyzer, uri);
      try {
        await analyzer.handle('berth/lintPart', uri, { part });
      } catch {
        // warming up only
      }
    }
  }
  analyzer.close(uri);
  return true;
}

function stopped(analyzer: Analyzer, uri: string): false {
  analyzer.close(uri);
  return false;
}

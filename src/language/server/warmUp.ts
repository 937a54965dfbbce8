/** Runs every feature once on a small made-up Dockerfile so the JIT has compiled them. */
import type { Analyzer } from './analyzer';
import { features } from './features';

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

export async function warmUp(analyzer: Analyzer): Promise<void> {
  const uri = 'berth-warmup:/Dockerfile';
  const text = Array.from({ length: 4 }, () => sample).join('');
  analyzer.sync(uri, 0, text);
  const params = {
    textDocument: { uri }, position: { line: 7, character: 20 }, range: { start: { line: 0, character: 0 }, end: { line: 300, character: 0 } },
    context: { diagnostics: [], includeDeclaration: true }, options: { tabSize: 4, insertSpaces: true }, ch: '\\', newName: 'x',
  };
  for (let round = 0; round < 2; round++) {
    for (const method of Object.keys(features)) {
      if (method === 'berth/test/spin' || method === 'completionItem/resolve') continue;
      // Yield between features: a real request that arrives now goes first.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        await analyzer.handle(method, uri, params);
      } catch {
        // warming up only; real requests report their own errors
      }
    }
  }
  analyzer.close(uri);
}

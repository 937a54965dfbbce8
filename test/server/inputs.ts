/** Generated Dockerfiles for the wire tests, the fuzzer and the benchmark (deterministic). */

/** A realistic multi-stage Dockerfile of about `lines` lines. */
export function largeDockerfile(lines: number): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG BASE=debian:bookworm-slim', 'ARG VERSION=1.0'];
  let stage = 0;
  while (out.length < lines) {
    const name = `stage${stage}`;
    out.push(stage === 0 ? `FROM \${BASE} AS ${name}` : `FROM stage${stage - 1} AS ${name}`);
    out.push('ARG VERSION', `ENV APP_HOME=/opt/app${stage} PATH=/opt/app${stage}/bin:$PATH`, 'WORKDIR $APP_HOME');
    for (let i = 0; i < 40 && out.length < lines; i++) {
      switch (i % 5) {
        case 0: out.push(`RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends pkg${i} \\`, `    && rm -rf /var/lib/apt/lists/*`); break;
        case 1: out.push(`COPY --chmod=644 src/file${i}.txt $APP_HOME/file${i}.txt`); break;
        case 2: out.push(`LABEL org.example.item${i}="value ${i}" version="$VERSION"`); break;
        case 3: out.push(`# step ${i} of stage ${stage}`, `ENV ITEM_${i}=${i}`); break;
        case 4: out.push(`RUN echo "\${ITEM_${i - 1}} $VERSION" > /tmp/out${i}`); break;
      }
    }
    out.push('EXPOSE 8080/tcp', 'CMD ["/opt/app/bin/run"]');
    stage++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}

/** dockerfile-utils' stage-name regex backtracks exponentially on this line. */
export const regexTrap = 'FROM alpine AS build-stage-for-frontend-assets$\nRUN echo hi\n';

/** The library's semantic tokens are quadratic: 6,500 lines took about 18 s. */
export function semanticTrap(): string {
  return largeDockerfile(6500);
}

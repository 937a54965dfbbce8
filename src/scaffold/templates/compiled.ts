/**
 * Go and Rust: compile in the toolchain image with the module/registry and build caches
 * mounted, then ship the one binary. Go's static binary needs nothing but CA
 * certificates (scratch); Rust's links glibc, so it runs on Debian slim.
 */
import type { GoFacts, RustFacts } from '../types';
import { dockerfileOf, syntaxLine } from './common';
import { debianImage, goImage, rustImage } from './images';

/** An unprivileged uid/gid that exists in no base image's passwd, so nothing else owns files under it. */
const nobody = '65532:65532';

export function goDockerfile(facts: GoFacts, port: number): string {
  const modCache = '--mount=type=cache,target=/go/pkg/mod';
  return dockerfileOf(
    syntaxLine,
    [
      '# Build stage: modules first (a layer that survives source edits), then a static binary.',
      `FROM ${goImage(facts.goVersion)} AS build`,
      'WORKDIR /src',
      `COPY go.mod ${facts.sums ? 'go.sum ' : ''}./`,
      `RUN ${modCache} go mod download`,
      'COPY . .',
      `RUN ${modCache} --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/${facts.binary} ${facts.mainPackage}`,
    ],
    [
      '# Runtime stage: the binary and CA certificates only, run by an unprivileged user.',
      'FROM scratch',
      'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
      `COPY --from=build /out/${facts.binary} /app/${facts.binary}`,
      `ENV PORT=${port}`,
      `USER ${nobody}`,
      `EXPOSE ${port}`,
      `ENTRYPOINT ["/app/${facts.binary}"]`,
    ],
  );
}

export function rustDockerfile(facts: RustFacts, port: number): string {
  return dockerfileOf(
    syntaxLine,
    [
      // target/ is a cache mount, so the binary is copied out in the same step.
      '# Build stage: the registry and target folders are cache mounts shared by later builds.',
      `FROM ${rustImage} AS build`,
      'WORKDIR /src',
      'COPY . .',
      `RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/src/target cargo build --release${facts.locked ? ' --locked' : ''} && cp target/release/${facts.binary} /${facts.binary}`,
    ],
    [
      '# Runtime stage: the binary only, run by an unprivileged user.',
      `FROM ${debianImage}`,
      `COPY --from=build /${facts.binary} /usr/local/bin/${facts.binary}`,
      `ENV PORT=${port}`,
      `USER ${nobody}`,
      `EXPOSE ${port}`,
      `ENTRYPOINT ["/usr/local/bin/${facts.binary}"]`,
    ],
  );
}

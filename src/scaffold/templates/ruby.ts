/**
 * Ruby: gems are installed in the full image (compilers for native extensions), then
 * copied into the slim one, where the app runs as a system user that owns the folder
 * (Rails writes tmp/ and log/).
 */
import type { RubyFacts } from '../types';
import { appUid, createAppUser, dockerfileOf, execForm, runAsApp, syntaxLine } from './common';
import { rubyTag } from './images';

export function rubyDockerfile(facts: RubyFacts, port: number): string {
  const tag = rubyTag(facts.rubyVersion);
  // Deployment mode needs Gemfile.lock; without one bundler resolves the Gemfile.
  const bundle = `BUNDLE_PATH=/usr/local/bundle BUNDLE_WITHOUT=development:test${facts.locked ? ' BUNDLE_DEPLOYMENT=1' : ''}`;
  const rails = facts.framework === 'rails' ? ' RAILS_ENV=production RAILS_LOG_TO_STDOUT=1' : '';
  return dockerfileOf(
    syntaxLine,
    [
      '# Build stage: gems, compiled with the full image\'s toolchain.',
      `FROM ruby:${tag}-bookworm AS build`,
      `ENV ${bundle}`,
      'WORKDIR /app',
      `COPY Gemfile ${facts.locked ? 'Gemfile.lock ' : ''}./`,
      'RUN --mount=type=cache,target=/usr/local/bundle/cache bundle install',
      'COPY . .',
    ],
    [
      '# Runtime stage: the gems and the app on the slim image, run by an unprivileged user.',
      `FROM ruby:${tag}-slim-bookworm`,
      `ENV ${bundle}${rails} PORT=${port}`,
      createAppUser,
      'WORKDIR /app',
      'COPY --from=build /usr/local/bundle /usr/local/bundle',
      `COPY --from=build --chown=${appUid}:${appUid} /app ./`,
      runAsApp,
      `EXPOSE ${port}`,
      `CMD ${execForm(facts.start, port)}`,
    ],
  );
}

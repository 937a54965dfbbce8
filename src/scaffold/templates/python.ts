/**
 * Python: dependencies into a virtual environment in the build stage (pip, Poetry or
 * uv, their caches mounted), copied into a slim runtime that runs as a system user.
 */
import type { PythonFacts } from '../types';
import { createAppUser, dockerfileOf, execForm, runAsApp, syntaxLine } from './common';
import { poetryVersion, pythonImage, uvImage } from './images';

function buildStage(facts: PythonFacts): { lines: string[]; venv: string } {
  const from = [`FROM ${pythonImage} AS build`, 'WORKDIR /app'];
  if (facts.manager === 'pip') {
    return {
      venv: '/opt/venv',
      lines: [...from, 'COPY requirements.txt ./', 'RUN --mount=type=cache,target=/root/.cache/pip python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt'],
    };
  }
  if (facts.manager === 'poetry') {
    return {
      venv: '/app/.venv',
      lines: [
        ...from,
        `RUN --mount=type=cache,target=/root/.cache/pip pip install poetry==${poetryVersion}`,
        `COPY pyproject.toml ${facts.lockfile ? `${facts.lockfile} ` : ''}./`,
        'ENV POETRY_VIRTUALENVS_IN_PROJECT=true POETRY_NO_INTERACTION=1',
        'RUN --mount=type=cache,target=/root/.cache/pypoetry poetry install --only main --no-root',
      ],
    };
  }
  return {
    venv: '/app/.venv',
    lines: [
      ...from,
      `COPY --from=${uvImage} /uv /usr/local/bin/uv`,
      'ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy',
      `COPY pyproject.toml ${facts.lockfile ? `${facts.lockfile} ` : ''}./`,
      `RUN --mount=type=cache,target=/root/.cache/uv uv sync ${facts.lockfile ? '--frozen ' : ''}--no-dev --no-install-project`,
    ],
  };
}

export function pythonDockerfile(facts: PythonFacts, port: number): string {
  const { lines, venv } = buildStage(facts);
  return dockerfileOf(
    syntaxLine,
    ['# Build stage: the dependencies, installed into a virtual environment.', ...lines],
    [
      '# Runtime stage: the environment and the source, run by an unprivileged user.',
      `FROM ${pythonImage}`,
      `ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH="${venv}/bin:$PATH" PORT=${port}`,
      createAppUser,
      'WORKDIR /app',
      `COPY --from=build ${venv} ${venv}`,
      'COPY . .',
      runAsApp,
      `EXPOSE ${port}`,
      `CMD ${execForm(facts.start, port)}`,
    ],
  );
}

/**
 * The compose tool Berth runs, and how it is pointed at Berth's engine. Compose semantics
 * are the tool's: Berth finds `docker compose` (the v2 plugin), else a `docker-compose`
 * executable (v2 or v1), else `podman-compose`, unless the berth.compose.tool setting names
 * one, and runs it with an argv array and the engine's variables. Pure, except that
 * detection runs the candidates through the runner it is given.
 */
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import type { Endpoint } from '../engine/endpoint';

import type { ComposeToolChoice } from '../config/schema';

export type ToolChoice = ComposeToolChoice;
export const toolChoices: readonly ToolChoice[] = ['auto', 'docker compose', 'docker-compose', 'podman-compose'];

export interface ComposeTool {
  kind: Exclude<ToolChoice, 'auto'>;
  /** The program and the arguments before compose's own: ['docker', 'compose'], ['docker-compose']. */
  command: string[];
  /** What `version` printed, e.g. "1.29.2". */
  version: string;
  /** 1 names containers project_service_1, 2 names them project-service-1. */
  generation: 1 | 2;
}

const candidates: Record<ComposeTool['kind'], string[]> = {
  'docker compose': ['docker', 'compose'],
  'docker-compose': ['docker-compose'],
  'podman-compose': ['podman-compose'],
};

/** Runs a program (no shell) and says how it ended; a program that is not there ends with code -1. */
export type Probe = (argv: string[]) => Promise<{ code: number; stdout: string }>;

/** The version in a tool's `version` output: "Docker Compose version v2.24.5", "docker-compose version 1.29.2, build …". */
export function parseVersion(output: string): string | undefined {
  return /version\s+v?(\d+\.\d+(?:\.\d+)?[^\s,]*)/i.exec(output)?.[1];
}

/** The first tool that answers `version`, in the order of `choice` (one tool) or auto's order. */
export async function detectTool(choice: ToolChoice, probe: Probe): Promise<ComposeTool | undefined> {
  const kinds = choice === 'auto' ? (Object.keys(candidates) as ComposeTool['kind'][]) : [choice];
  for (const kind of kinds) {
    const command = candidates[kind];
    const result = await probe([...command, 'version']);
    const version = result.code === 0 ? parseVersion(result.stdout) : undefined;
    if (!version) continue;
    // podman-compose names containers project_service_1 like v1.
    const generation = kind !== 'podman-compose' && Number(version.split('.')[0]) >= 2 ? 2 : 1;
    return { kind, command, version, generation };
  }
  return undefined;
}

/** The one sentence when no tool was found: what is missing and how to install it here. */
export function noToolMessage(choice: ToolChoice, platform: NodeJS.Platform): string {
  const install = platform === 'darwin'
    ? l10n.t('install Docker Desktop, or `brew install docker-compose`')
    : platform === 'win32'
      ? l10n.t('install Docker Desktop, which brings `docker compose`')
      : l10n.t('install Docker\'s compose plugin (`sudo apt-get install docker-compose-plugin` from Docker\'s repository) or your distribution\'s package (`sudo apt-get install docker-compose` on Debian and Ubuntu)');
  return choice === 'auto'
    ? l10n.t('No compose tool was found (docker compose, docker-compose or podman-compose): {0}, then try again; the compose file\'s language features work without it.', install)
    : l10n.t('The compose tool chosen in berth.compose.tool ({0}) does not answer `{0} version`: {1}, then try again; the compose file\'s language features work without it.', choice, install);
}

/** Variables the tool takes its engine from; dropped from the inherited environment so they cannot disagree with Berth's. */
const engineVariables = ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH'];

/**
 * The environment the tool runs with: the inherited one, pointed at the engine Berth is
 * connected to, so the tool and the trees see the same containers (unix, tcp, tcp+TLS and
 * ssh alike). TLS files go by folder (DOCKER_CERT_PATH holds ca.pem, cert.pem, key.pem, as
 * both the environment and contexts keep them).
 */
export function toolEnvironment(endpoint: Endpoint, inherited: Record<string, string | undefined>): Record<string, string> {
  if (endpoint.problem || !endpoint.url) throw new Error(endpoint.problem ?? l10n.t('Berth is connected to no engine, so the compose tool has none to use.'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(inherited)) if (value !== undefined && !engineVariables.includes(key)) env[key] = value;
  env.DOCKER_HOST = endpoint.url;
  const tls = endpoint.tls;
  if (tls) {
    if (tls.verify) env.DOCKER_TLS_VERIFY = '1';
    else env.DOCKER_TLS = '1';
    const file = tls.ca ?? tls.cert ?? tls.key;
    if (file) env.DOCKER_CERT_PATH = path.dirname(file);
  }
  return env;
}

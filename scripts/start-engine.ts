/**
 * `npm start`'s engine question: which engine would Berth use, does it answer, and so
 * which engine does this start use? The endpoint comes from Berth's own resolution
 * (src/engine: berth.host, DOCKER_HOST, the Docker context, the default sockets), so the
 * start and the extension can never disagree. scripts/start.mjs loads this through tsx.
 */
import { Engine, resolveEndpoint, systemEndpointInputs } from '../src/engine';
import { EngineError } from '../src/engine/errors';

export type StartMode = 'auto' | 'sandbox' | 'engine';

export interface EngineProbe {
  /** unix:///var/run/docker.sock, tcp://…, or '' when the chosen source names no endpoint. */
  url: string;
  /** Why this endpoint: "the default socket", "from the DOCKER_HOST environment variable", … */
  why: string;
  answered: boolean;
  /** "Docker Engine 24.0.5 (API 1.43)" when it answered. */
  version?: string;
  /** EngineError's kind when it did not answer (unreachable, permission, tls, timeout, …). */
  kind?: string;
  /** What went wrong and the fix, in Berth's words. */
  detail?: string;
}

/** Asks the engine Berth would pick for its version, within `timeoutMs`. */
export async function probeUserEngine(hostSetting: string | undefined, env: Record<string, string | undefined> = process.env, timeoutMs = 5000): Promise<EngineProbe> {
  const endpoint = resolveEndpoint(systemEndpointInputs(hostSetting, env));
  const base = { url: endpoint.url, why: endpoint.why };
  if (endpoint.problem) return { ...base, answered: false, kind: 'badRequest', detail: endpoint.problem };
  const engine = new Engine(endpoint, { timeoutMs });
  try {
    const version = await engine.system.version();
    return { ...base, answered: true, version: `engine ${version.version} (API ${version.apiVersion})` };
  } catch (error) {
    const engineError = error instanceof EngineError ? error : undefined;
    return { ...base, answered: false, kind: engineError?.kind ?? 'unreachable', detail: engineError?.detail ?? String(error) };
  } finally {
    await engine.dispose();
  }
}

export type EngineChoice =
  | { use: 'user'; line: string }
  | { use: 'sandbox'; line: string }
  | { use: 'none'; error: string };

const pointAtYours = 'start your engine, or point Berth at it (DOCKER_HOST, a Docker context, or the berth.host setting), then run `npm start -- --engine`';

/**
 * Pure: what a start in `mode` does with the probe. An engine that refuses permission is
 * there, so even the automatic mode says so rather than hiding it behind the sandbox.
 */
export function chooseEngine(mode: StartMode, probe: EngineProbe | undefined): EngineChoice {
  if (mode === 'sandbox') return { use: 'sandbox', line: 'using the sandbox engine (--sandbox).' };
  if (!probe) throw new Error(`the ${mode} mode needs a probe of the user's engine`);
  const where = `${probe.url || 'no endpoint'} (${probe.why})`;
  if (probe.answered) return { use: 'user', line: `using your engine at ${where}: ${probe.version}.` };
  if (probe.kind === 'permission') {
    return { use: 'none', error: `your engine at ${where} refused this user: ${probe.detail} Or run \`npm start -- --sandbox\` for a private engine with sample content.` };
  }
  if (mode === 'engine') {
    return { use: 'none', error: `--engine asks for your engine and none answered: ${probe.detail} Or drop --engine to use the sandbox engine.` };
  }
  return { use: 'sandbox', line: `no engine of yours answered at ${where}, so Berth uses the private sandbox engine with sample content; to use yours, ${pointAtYours}.` };
}

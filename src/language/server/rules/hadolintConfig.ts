/**
 * `.hadolint.yaml` (or `.hadolint.yml`), read with plain fs from the Dockerfile's folder
 * up to the workspace folder, nearest first, the way a hadolint run from that folder
 * would find it. Cached by path and mtime: a lint reads at most a few stats.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Yaml from 'yaml';
import type { RuleSeverity } from './types';

export interface HadolintConfig {
  ignored: Set<string>;
  /** Rule code → severity from `override:`. */
  override: Map<string, RuleSeverity>;
  /** Findings below this are shown as hints (see engine.ts). */
  failureThreshold: RuleSeverity | 'none' | undefined;
  trustedRegistries: string[];
  labelSchema: Record<string, string>;
  strictLabels: boolean;
  /** `disable-ignore-pragma: true` makes `# hadolint ignore=` comments ineffective. */
  disableIgnorePragma: boolean;
  /** Where it came from, for the log; undefined when no file was found. */
  file: string | undefined;
}

export const emptyHadolintConfig: HadolintConfig = {
  ignored: new Set(), override: new Map(), failureThreshold: undefined, trustedRegistries: [], labelSchema: {},
  strictLabels: false, disableIgnorePragma: false, file: undefined,
};

/** hadolint's levels onto ours: "style" is the mildest, shown as an LSP hint. */
export function severityFromHadolint(level: string): RuleSeverity | undefined {
  switch (level.toLowerCase()) {
    case 'error': return 'error';
    case 'warning': return 'warning';
    case 'info': return 'info';
    case 'style': return 'hint';
    default: return undefined;
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The YAML parser (a quarter of the analysis bundle) loads only when a .hadolint.yaml is found: not on the way to the first diagnostics. */
function parseYaml(source: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('yaml') as typeof Yaml).parse(source);
}

export function parseHadolintConfig(source: string, file?: string): HadolintConfig {
  const data = (parseYaml(source) ?? {}) as Record<string, unknown>;
  if (typeof data !== 'object') return { ...emptyHadolintConfig, file };
  const override = new Map<string, RuleSeverity>();
  const overrides = (data.override ?? {}) as Record<string, unknown>;
  for (const level of ['style', 'info', 'warning', 'error']) {
    const severity = severityFromHadolint(level);
    if (severity) for (const code of strings(overrides[level])) override.set(code, severity);
  }
  const threshold = typeof data['failure-threshold'] === 'string' ? data['failure-threshold'] : undefined;
  const schema = data['label-schema'];
  return {
    ignored: new Set(strings(data.ignored)),
    override,
    failureThreshold: threshold === 'none' ? 'none' : threshold ? severityFromHadolint(threshold) : undefined,
    trustedRegistries: strings(data.trustedRegistries),
    labelSchema: schema && typeof schema === 'object' ? Object.fromEntries(Object.entries(schema as Record<string, unknown>).map(([key, value]) => [key, String(value)])) : {},
    strictLabels: data['strict-labels'] === true,
    disableIgnorePragma: data['disable-ignore-pragma'] === true,
    file,
  };
}

const cache = new Map<string, { mtimeMs: number; config: HadolintConfig }>();

function readAt(file: string): HadolintConfig | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.config;
  let config: HadolintConfig;
  try {
    config = parseHadolintConfig(fs.readFileSync(file, 'utf8'), file);
  } catch {
    // A broken config must not stop linting: behave as if it were absent.
    config = { ...emptyHadolintConfig, file };
  }
  cache.set(file, { mtimeMs: stat.mtimeMs, config });
  return config;
}

/** The config that applies to a Dockerfile at `dockerfilePath` inside one of `folders`. */
export function findHadolintConfig(dockerfilePath: string | undefined, folders: readonly string[]): HadolintConfig {
  const candidates: string[] = [];
  if (dockerfilePath) {
    const root = folders.find((folder) => dockerfilePath.startsWith(folder + path.sep));
    let dir = path.dirname(dockerfilePath);
    for (let depth = 0; depth < 32; depth++) {
      candidates.push(dir);
      if (!root || dir === root || path.dirname(dir) === dir) break;
      dir = path.dirname(dir);
    }
  }
  candidates.push(...folders);
  for (const dir of candidates) {
    for (const name of ['.hadolint.yaml', '.hadolint.yml']) {
      const config = readAt(path.join(dir, name));
      if (config) return config;
    }
  }
  return emptyHadolintConfig;
}

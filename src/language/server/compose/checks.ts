/**
 * The checks beyond the schema: names that point nowhere, a host port published twice, a
 * build target the Dockerfile does not have, malformed interpolation. Each finding has a
 * code (the diagnostics' `code`) and one sentence.
 */
import * as l10n from '@vscode/l10n';
import { isMap, isScalar, isSeq, visit, type Scalar } from 'yaml';
import { buildOf } from './build';
import { dockerfileStages, folderOf } from './files';
import { checkInterpolation } from './interpolation';
import { child, nodeRange, rangeOf, scalarText, services, type ComposeModel, type TopLevelKind } from './model';
import { clashes, describePort, longFormHostPorts, shortFormHostPorts, type HostPort } from './ports';
import { referencesOf, type ReferenceKind } from './references';

export type CheckCode = 'undefined-service' | 'undeclared-network' | 'undeclared-volume' | 'undeclared-secret' | 'undeclared-config' | 'duplicate-host-port' | 'unknown-build-target' | 'invalid-interpolation';

export interface Finding {
  code: CheckCode;
  range: [number, number];
  message: string;
}

/** Names declared elsewhere that this file may use: the base files of an override. */
export type ExternalNames = Partial<Record<TopLevelKind, Set<string>>>;

const kindKey: Record<ReferenceKind, TopLevelKind> = { service: 'services', network: 'networks', volume: 'volumes', secret: 'secrets', config: 'configs' };

export function runChecks(model: ComposeModel, external: ExternalNames = {}): Finding[] {
  return [...undefinedNames(model, external), ...duplicatePorts(model), ...buildTargets(model), ...interpolation(model)];
}

function undefinedNames(model: ComposeModel, external: ExternalNames): Finding[] {
  const declared = Object.fromEntries(Object.entries(model.declared).map(([kind, list]) => [kind, new Set(list.map((entry) => entry.name))])) as Record<TopLevelKind, Set<string>>;
  const findings: Finding[] = [];
  for (const reference of referencesOf(model)) {
    const kind = kindKey[reference.kind];
    if (reference.name.includes('$')) continue;
    if (declared[kind].has(reference.name) || external[kind]?.has(reference.name)) continue;
    // Every project has a network called "default" without declaring it.
    if (reference.kind === 'network' && reference.name === 'default') continue;
    if (reference.kind === 'service') {
      findings.push({ code: 'undefined-service', range: reference.range, message: l10n.t('Service "{0}" (in {1} of "{2}") is not defined in this file.', reference.name, reference.via, reference.owner) });
    } else {
      findings.push({ code: `undeclared-${reference.kind}`, range: reference.range, message: l10n.t('The {0} "{1}" is not declared under the top-level "{2}" key.', kindNoun(reference.kind), reference.name, kind) });
    }
  }
  return findings;
}

function duplicatePorts(model: ComposeModel): Finding[] {
  const seen: Array<{ port: HostPort; service: string; line: number }> = [];
  const findings: Finding[] = [];
  for (const { name, body } of services(model)) {
    const ports = body ? child(body, 'ports') : undefined;
    if (!isSeq(ports)) continue;
    for (const item of ports.items) {
      const range = nodeRange(item);
      if (!range) continue;
      let bindings: HostPort[] = [];
      if (isScalar(item)) bindings = shortFormHostPorts(String(item.value ?? ''));
      else if (isMap(item)) bindings = longFormHostPorts(scalarText(child(item, 'published')), scalarText(child(item, 'host_ip')), scalarText(child(item, 'protocol')));
      const line = rangeOf(model, range).start.line + 1;
      let reported = false;
      for (const port of bindings) {
        const earlier = seen.find((entry) => clashes(entry.port, port));
        if (earlier && !reported) {
          const message = earlier.service === name
            ? l10n.t('Host port {0} is already published earlier by "{1}" (line {2}); the second container would fail to start.', describePort(port), name, earlier.line)
            : l10n.t('Host port {0} is already published by service "{1}" (line {2}); the second container would fail to start.', describePort(port), earlier.service, earlier.line);
          findings.push({ code: 'duplicate-host-port', range, message });
          reported = true;
        }
      }
      for (const port of bindings) seen.push({ port, service: name, line });
    }
  }
  return findings;
}

function buildTargets(model: ComposeModel): Finding[] {
  const folder = folderOf(model.uri);
  const findings: Finding[] = [];
  // Many services build from the same Dockerfile: read (stat) it once per pass.
  const stagesOf = new Map<string, string[] | undefined>();
  for (const { body } of services(model)) {
    const build = buildOf(body, folder);
    const target = build?.targetNode ? scalarText(build.targetNode) : undefined;
    const range = build?.targetNode ? nodeRange(build.targetNode) : undefined;
    if (!build?.dockerfile || !target || !range || target.includes('$')) continue;
    if (!stagesOf.has(build.dockerfile)) stagesOf.set(build.dockerfile, dockerfileStages(build.dockerfile));
    const stages = stagesOf.get(build.dockerfile);
    if (stages === undefined) continue; // no Dockerfile to read: compose will say so
    if (stages.some((stage) => stage.toLowerCase() === target.toLowerCase())) continue;
    const message = stages.length
      ? l10n.t('"{0}" is not a stage of {1}: its stages are {2}.', target, shortPath(build.dockerfile, folder), stages.map((stage) => `"${stage}"`).join(', '))
      : l10n.t('"{0}" is not a stage of {1}: it names no stages.', target, shortPath(build.dockerfile, folder));
    findings.push({ code: 'unknown-build-target', range, message });
  }
  return findings;
}

/** The kind of a name as a word of the display language. */
function kindNoun(kind: ReferenceKind): string {
  switch (kind) {
    case 'service': return l10n.t('service');
    case 'network': return l10n.t('network');
    case 'volume': return l10n.t('volume');
    case 'secret': return l10n.t('secret');
    case 'config': return l10n.t('config');
  }
}

function shortPath(file: string, folder: string | undefined): string {
  return folder && file.startsWith(`${folder}/`) ? file.slice(folder.length + 1) : file;
}

function interpolation(model: ComposeModel): Finding[] {
  const findings: Finding[] = [];
  visit(model.doc, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value !== 'string' || !node.value.includes('$')) return;
      const range = nodeRange(node);
      if (!range) return;
      const source = model.text.slice(range[0], range[1]);
      for (const problem of checkInterpolation(node.value)) {
        // Point at the fragment in the source when it appears there as written (plain and most quoted scalars).
        const fragment = node.value.slice(problem.start, problem.end);
        const at = source.indexOf(fragment);
        const where: [number, number] = at >= 0 ? [range[0] + at, range[0] + at + fragment.length] : range;
        findings.push({ code: 'invalid-interpolation', range: where, message: problem.message });
      }
    },
  });
  return findings;
}

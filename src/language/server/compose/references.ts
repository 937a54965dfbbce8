/**
 * Every place a compose file names a service, network, volume, secret or config, with the
 * offsets of the name itself: what the "not defined" checks, rename and completion share.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { child, namesIn, nodeRange, scalarText, services, type ComposeModel } from './model';

export type ReferenceKind = 'service' | 'network' | 'volume' | 'secret' | 'config';

export interface Reference {
  kind: ReferenceKind;
  name: string;
  /** Offsets of the name (not of the whole entry: `db:alias` gives `db`'s). */
  range: [number, number];
  /** The service whose body holds the reference. */
  owner: string;
  /** The key it sits under (`depends_on`, `links`, ...), for messages. */
  via: string;
}

/** Offsets of `name` inside a scalar node's source (quotes and all). */
export function nameRangeIn(model: ComposeModel, node: Node, name: string): [number, number] | undefined {
  const range = nodeRange(node);
  if (!range) return undefined;
  const at = model.text.slice(range[0], range[1]).indexOf(name);
  return at < 0 ? undefined : [range[0] + at, range[0] + at + name.length];
}

/** A named volume source, as opposed to a host path (`./data`, `/srv`, `~/x`, `${HOME}`). */
export function isVolumeName(source: string): boolean {
  return source.length > 0 && !/^[./~$]/.test(source) && !source.includes('/') && !/^[A-Za-z]:\\/.test(source);
}

export function referencesOf(model: ComposeModel): Reference[] {
  const found: Reference[] = [];
  const add = (kind: ReferenceKind, name: string, node: Node, owner: string, via: string) => {
    const range = nameRangeIn(model, node, name);
    if (range && name.length > 0) found.push({ kind, name, range, owner, via });
  };
  for (const { name: owner, body } of services(model)) {
    if (!body) continue;
    for (const { name, node } of namesIn(child(body, 'depends_on'))) add('service', name, node, owner, 'depends_on');
    for (const { name, node } of namesIn(child(body, 'links'))) add('service', name.split(':')[0], node, owner, 'links');
    for (const { name, node } of namesIn(child(body, 'volumes_from'))) {
      const parts = name.split(':');
      if (parts[0] === 'container') continue;
      add('service', parts[0] === 'service' ? parts[1] ?? '' : parts[0], node, owner, 'volumes_from');
    }
    const networkMode = scalarText(child(body, 'network_mode'));
    if (networkMode?.startsWith('service:')) add('service', networkMode.slice('service:'.length), child(body, 'network_mode') as Node, owner, 'network_mode');
    extendsReference(body, owner, add);
    for (const { name, node } of namesIn(child(body, 'networks'))) add('network', name, node, owner, 'networks');
    volumeReferences(child(body, 'volumes'), owner, add);
    for (const kind of ['secret', 'config'] as const) {
      sourceReferences(child(body, `${kind}s`), kind, owner, `${kind}s`, add);
    }
    const build = child(body, 'build');
    if (isMap(build)) sourceReferences(child(build, 'secrets'), 'secret', owner, 'build.secrets', add);
  }
  return found;
}

type Add = (kind: ReferenceKind, name: string, node: Node, owner: string, via: string) => void;

function extendsReference(body: YAMLMap, owner: string, add: Add): void {
  const value = child(body, 'extends');
  if (isScalar(value) && scalarText(value)) add('service', scalarText(value)!, value, owner, 'extends');
  // `extends` with a `file` names a service of that other file: not this file's to check.
  if (isMap(value) && child(value, 'file') === undefined) {
    const service = child(value, 'service');
    if (isScalar(service) && scalarText(service)) add('service', scalarText(service)!, service, owner, 'extends');
  }
}

function volumeReferences(volumes: unknown, owner: string, add: Add): void {
  if (!isSeq(volumes)) return;
  for (const item of volumes.items) {
    if (isScalar(item)) {
      const text = scalarText(item) ?? '';
      const parts = text.split(':');
      if (parts.length >= 2 && isVolumeName(parts[0])) add('volume', parts[0], item, owner, 'volumes');
    } else if (isMap(item) && scalarText(child(item, 'type')) === 'volume') {
      const source = child(item, 'source');
      const name = scalarText(source);
      if (name && isVolumeName(name)) add('volume', name, source as Node, owner, 'volumes');
    }
  }
}

function sourceReferences(list: unknown, kind: ReferenceKind, owner: string, via: string, add: Add): void {
  if (!isSeq(list)) return;
  for (const item of list.items) {
    if (isScalar(item) && scalarText(item)) add(kind, scalarText(item)!, item, owner, via);
    else if (isMap(item)) {
      const source = child(item, 'source');
      if (isScalar(source) && scalarText(source)) add(kind, scalarText(source)!, source, owner, via);
    }
  }
}

/**
 * Rename a service: its key under `services` and every place this file names it
 * (`depends_on`, `links`, `extends`, `volumes_from`, `network_mode: service:`).
 */
import * as l10n from '@vscode/l10n';
import { ResponseError, ErrorCodes } from 'vscode-languageserver/node';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { offsetAt, rangeOf, type ComposeModel } from './model';
import { referencesOf } from './references';

const serviceName = /^[a-zA-Z0-9._-]+$/;

function serviceAt(model: ComposeModel, position: Position): { name: string; range: [number, number] } | undefined {
  const offset = offsetAt(model, position);
  const inside = (range: [number, number]) => offset >= range[0] && offset <= range[1];
  const declared = model.declared.services.find((entry) => inside(entry.keyRange));
  if (declared) return { name: declared.name, range: declared.keyRange };
  const reference = referencesOf(model).find((candidate) => candidate.kind === 'service' && inside(candidate.range));
  if (reference && model.declared.services.some((entry) => entry.name === reference.name)) return { name: reference.name, range: reference.range };
  return undefined;
}

export function prepareRename(_host: unknown, model: ComposeModel, params: { position: Position }): { range: Range; placeholder: string } | null {
  const found = serviceAt(model, params.position);
  return found ? { range: rangeOf(model, found.range), placeholder: found.name } : null;
}

export function rename(_host: unknown, model: ComposeModel, params: { position: Position; newName: string }): WorkspaceEdit | null {
  const found = serviceAt(model, params.position);
  if (!found) return null;
  const newName = String(params.newName ?? '').trim();
  if (!serviceName.test(newName)) throw new ResponseError(ErrorCodes.InvalidParams, l10n.t('"{0}" is not a valid service name: use letters, digits, ".", "_" and "-".', newName));
  if (newName !== found.name && model.declared.services.some((entry) => entry.name === newName)) throw new ResponseError(ErrorCodes.InvalidParams, l10n.t('A service called "{0}" already exists.', newName));
  const edits: TextEdit[] = [];
  for (const entry of model.declared.services) {
    if (entry.name !== found.name) continue;
    const source = model.text.slice(entry.keyRange[0], entry.keyRange[1]);
    const at = source.indexOf(found.name);
    const start = entry.keyRange[0] + Math.max(0, at);
    edits.push({ range: rangeOf(model, [start, start + found.name.length]), newText: newName });
  }
  for (const reference of referencesOf(model)) {
    if (reference.kind === 'service' && reference.name === found.name) edits.push({ range: rangeOf(model, reference.range), newText: newName });
  }
  return { changes: { [model.uri]: edits } };
}

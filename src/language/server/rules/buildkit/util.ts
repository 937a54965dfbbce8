/** Small helpers the BuildKit rules share: names, ranges, variable scopes, references. */
import type { Dockerfile, Instruction, Flag } from 'dockerfile-ast';
import type { Range, TextEdit } from 'vscode-languageserver-types';

/** ARGs BuildKit defines for FROM lines without a declaration (the platform ARGs). */
export const platformArgs = ['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT'];
/** Predefined proxy ARGs: usable anywhere without an ARG instruction. */
export const proxyArgs = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The closest candidate within a small edit distance (case-insensitive), if any. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= bestDistance) {
      best = candidate;
      bestDistance = distance - (candidate.toLowerCase() === name.toLowerCase() ? 1 : 0);
    }
  }
  return best;
}

export function flagsOf(instruction: Instruction): Flag[] {
  return (instruction as { getFlags?: () => Flag[] }).getFlags?.() ?? [];
}

/** The range of a flag including its leading `--`. */
export function flagRange(flag: Flag): Range {
  const range = flag.getRange();
  const name = flag.getNameRange();
  return { start: { line: name.start.line, character: Math.max(0, name.start.character - 2) }, end: range.end };
}

/** Deletes a flag and the whitespace after it on the same line. */
export function removeFlagEdit(text: string, lineStarts: number[], flag: Flag): TextEdit {
  const range = flagRange(flag);
  let end = lineStarts[range.end.line] + range.end.character;
  let character = range.end.character;
  while (text[end] === ' ' || text[end] === '\t') {
    end++;
    character++;
  }
  return { range: { start: range.start, end: { line: range.end.line, character } }, newText: '' };
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

export function lineText(text: string, starts: number[], line: number): string {
  const start = starts[line] ?? text.length;
  const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
  return text.slice(start, end).replace(/\r$/, '');
}

export function textOf(text: string, starts: number[], range: Range): string {
  return text.slice(starts[range.start.line] + range.start.character, starts[range.end.line] + range.end.character);
}

/** Names declared by ARG/ENV instructions (one instruction may declare several). */
export function declaredNames(instruction: Instruction): string[] {
  const keyword = instruction.getKeyword();
  if (keyword !== 'ARG' && keyword !== 'ENV') return [];
  return (instruction as unknown as { getProperties(): Array<{ getName(): string }> }).getProperties().map((property) => property.getName());
}

/** ARG instructions before the first FROM: the only ones FROM lines can use. */
export function globalArgs(dockerfile: Dockerfile): Map<string, string | null> {
  const args = new Map<string, string | null>();
  for (const arg of dockerfile.getInitialARGs()) {
    for (const property of arg.getProperties()) args.set(property.getName(), property.getValue());
  }
  return args;
}

export function rangeText(range: Range): string {
  return `${range.start.line}:${range.start.character}`;
}

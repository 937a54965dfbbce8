/**
 * COPY and ADD: ADD only for URLs and archives (DL3020), archives extracted after a
 * COPY (DL3010), multi-source destinations (DL3021), --from references (DL3022, DL3023,
 * DL3067) and relative destinations with no WORKDIR (DL3045).
 */
import * as l10n from '@vscode/l10n';
import type { Copy, Instruction, JSONInstruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { Finding, Rule } from '../types';
import { args, commandsNamed, hasFlag } from '../../shell/model';
import { bodyOf, fix, inStage, isAbsolutePath, memo, rawText, rule, unquote, type Doc, type Stage } from './context';

interface PathArg {
  value: string;
  /** As written, backslashes kept: the escape character reads `C:\\app` as `C:app`. */
  raw: string;
  range: Range;
}

const archive = /\.(tar|tar\.(gz|bz2|xz|zst|lz|lzma|Z)|tgz|tbz2?|txz|tzst|gz|bz2|xz|zst|lz|lzma)$/i;
const isUrl = (v: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^git@/.test(v);

/** Sources and destination as written (quotes removed), or null for heredoc forms. */
function paths(doc: Doc, instruction: Instruction): PathArg[] | null {
  const body = bodyOf(doc, instruction);
  if (doc.text.slice(body.start, body.end).includes('<<') && (instruction as Copy).getHeredocs().length) return null;
  const json = body.json ? (instruction as JSONInstruction).getJSONStrings() : [];
  if (json.length > 0) return json.map((s) => ({ value: s.getJSONValue(), raw: s.getJSONValue(), range: s.getRange() }));
  return joinQuoted(doc, instruction.getArguments().map((a) => ({ value: a.getValue(), raw: rawText(doc, a.getRange()), range: a.getRange() })));
}

/**
 * dockerfile-ast splits `"C:\Program Files\app"` at the space; the builder keeps a quoted
 * argument whole. Joins the pieces again (the space is kept as written), then drops the quotes.
 */
function joinQuoted(doc: Doc, pieces: PathArg[]): PathArg[] {
  const joined: PathArg[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let { value, raw, range } = pieces[i];
    const quote = /^["']/.exec(raw)?.[0];
    while (quote && !(raw.length > 1 && raw.endsWith(quote)) && i + 1 < pieces.length) {
      const next = pieces[++i];
      const gap = rawText(doc, { start: range.end, end: next.range.start });
      value += gap + next.value;
      raw += gap + next.raw;
      range = { start: range.start, end: next.range.end };
    }
    joined.push({ value: unquote(value), raw: unquote(raw), range });
  }
  return joined;
}

function flag(doc: Doc, instruction: Instruction, name: string): string | null {
  return bodyOf(doc, instruction).flags.find((f) => f.name === name)?.value ?? null;
}

interface CopyInfo {
  stage: Stage;
  instruction: Instruction;
  paths: PathArg[];
  /** The --from value, or null. */
  from: string | null;
}

/** Every COPY (or ADD) with a source and a destination; shared by the rules in this file. */
function copies(doc: Doc, keyword: string): CopyInfo[] {
  return memo(doc, `copies:${keyword}`, () =>
    doc.stages.flatMap((stage) =>
      inStage(stage, keyword).flatMap((instruction) => {
        const p = paths(doc, instruction);
        return p && p.length >= 2 ? [{ stage, instruction, paths: p, from: flag(doc, instruction, 'from') }] : [];
      }),
    ),
  );
}

/** Whether WORKDIR was set in this stage before `line`, or in a stage it is built on. */
function hasWorkdir(stage: Stage | null, line: number): boolean {
  for (let s = stage; s; s = s.parent) {
    if (inStage(s, 'WORKDIR').some((w) => s !== stage || w.getRange().start.line < line)) return true;
  }
  return false;
}

/** The last path segment; Windows images separate with backslashes. */
const basename = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** Basenames of archives some RUN extracts with tar, with the RUN's stage and line. */
function extractions(doc: Doc): { stage: Stage | null; line: number; names: Set<string> }[] {
  return memo(doc, 'tar-extractions', () =>
    doc.runs.flatMap((run) => {
      const names = new Set<string>();
      for (const tar of commandsNamed(run.script, ['tar'])) {
        const cluster = tar.argv[1]?.value ?? '';
        const extracting = hasFlag(tar, 'x', ['extract', 'get']) || /^[a-wyz]*x/.test(cluster);
        if (extracting) for (const a of args(tar)) names.add(basename(a));
      }
      return names.size > 0 ? [{ stage: run.stage, line: run.instruction.getRange().start.line, names }] : [];
    }),
  );
}

function archivesExtracted(doc: Doc, stage: Stage, after: number): Set<string> {
  const names = new Set<string>();
  for (const e of extractions(doc)) if (e.stage === stage && e.line > after) e.names.forEach((n) => names.add(n));
  return names;
}

export const copyRules: Rule[] = [
  rule('DL3010', 'Use ADD for extracting archives into an image', 'info', (doc) =>
    copies(doc, 'COPY').flatMap((copy): Finding[] => {
      const { stage, instruction, paths: p } = copy;
      if (copy.from !== null) return [];
      const extracted = archivesExtracted(doc, stage, instruction.getRange().start.line);
      // The archive may be extracted under its own name or under the name the COPY gives it.
      const dest = p[p.length - 1];
      const renamed = archive.test(dest.raw) && extracted.has(basename(dest.raw));
      return p
        .slice(0, -1)
        .filter((s) => archive.test(s.raw) && (renamed || extracted.has(basename(s.raw))))
        .map((s) => ({ range: s.range, message: l10n.t('{0} is copied and then extracted; ADD extracts a local archive in one step and one layer.', s.value) }));
    }),
  ),
  rule('DL3020', 'Use COPY instead of ADD for files and folders', 'error', (doc) =>
    copies(doc, 'ADD').flatMap(({ instruction, paths: p }): Finding[] => {
      const sources = p.slice(0, -1);
      if (sources.some((s) => isUrl(s.value) || archive.test(s.value))) return [];
      // --checksum, --keep-git-dir and --link-less ADD features have no COPY equivalent.
      const addOnly = ['checksum', 'keep-git-dir', 'unpack'].some((f) => flag(doc, instruction, f) !== null);
      const keyword = instruction.getInstructionRange();
      const fixes = addOnly ? [] : [fix(l10n.t('Use COPY'), { range: keyword, newText: 'COPY' })];
      return [{ range: keyword, message: l10n.t('ADD of local files also extracts archives and fetches URLs by surprise; use COPY.'), fixes }];
    }),
  ),
  rule('DL3021', 'COPY with more than two arguments needs a destination ending in /', 'error', (doc) =>
    copies(doc, 'COPY')
      .filter(({ paths: p }) => p.length > 2 && !p[p.length - 1].value.endsWith('/') && !p[p.length - 1].value.includes('$'))
      .map(({ instruction, paths: p }) => {
        const dest = p[p.length - 1];
        const fixes = bodyOf(doc, instruction).json ? [] : [fix(l10n.t('Add a trailing /'), { range: { start: dest.range.end, end: dest.range.end }, newText: '/' })];
        return { range: dest.range, message: l10n.t('Several sources are copied into a directory, so the destination must end with /.'), fixes };
      }),
  ),
  rule('DL3022', 'COPY --from should reference a previously defined FROM alias', 'warning', (doc) =>
    copies(doc, 'COPY').flatMap(({ stage, instruction, from }): Finding[] => {
      // Image references (name:tag, registry/name) and build arguments are legitimate too.
      if (from === null || /[:/$@]/.test(from)) return [];
      const earlier = doc.stages.filter((s) => s.index < stage.index);
      if (/^\d+$/.test(from) ? Number(from) < stage.index : earlier.some((s) => s.name === from.toLowerCase())) return [];
      if (stage.name === from.toLowerCase()) return []; // DL3023's case
      return [{ range: instruction.getRange(), message: l10n.t('--from={0} names no earlier stage.', from) }];
    }),
  ),
  rule('DL3023', 'COPY --from cannot reference its own FROM alias', 'error', (doc) =>
    copies(doc, 'COPY')
      .filter(({ stage, from }) => from !== null && (from.toLowerCase() === stage.name || from === String(stage.index)))
      .map(({ instruction }) => ({ range: instruction.getRange(), message: l10n.t('A stage cannot COPY --from itself.') })),
  ),
  rule('DL3045', 'COPY to a relative destination without WORKDIR set', 'warning', (doc) =>
    copies(doc, 'COPY')
      .filter(({ stage, instruction, paths: p }) => {
        const dest = p[p.length - 1];
        return !isAbsolutePath(dest.value) && !isAbsolutePath(dest.raw) && !hasWorkdir(stage, instruction.getRange().start.line);
      })
      .map(({ paths: p }) => ({ range: p[p.length - 1].range, message: l10n.t('The destination is relative but no WORKDIR is set, so it depends on the base image; set WORKDIR or use an absolute path.') })),
  ),
  rule('DL3067', 'Do not copy an entire filesystem from another stage', 'warning', (doc) =>
    copies(doc, 'COPY')
      .filter(({ from, paths: p }) => from !== null && p.length === 2 && p[0].value === '/' && p[1].value === '/')
      .map(({ instruction }) => ({ range: instruction.getRange(), message: l10n.t('Copying / onto / drags the whole other image along; copy only the paths you need.') })),
  ),
];


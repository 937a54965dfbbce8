/**
 * FROM and stage rules: explicit tags (DL3006, DL3007), unique and unreserved stage names
 * (DL3024, DL3063), trusted registries (DL3026), --platform (DL3029, DL3065), what may
 * precede the first FROM (DL3061) and what ONBUILD may trigger (DL3043).
 */
import * as l10n from '@vscode/l10n';
import type { From, Instruction, Onbuild } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { Finding, Rule } from '../types';
import { bodyOf, builtStages, edit, fix, inStage, memo, rule, type Doc, type Stage } from './context';

/**
 * FROMs that name a real image: not scratch, not an earlier stage, not an ARG we cannot
 * resolve. Several rules ask; the answer is computed once per lint (each stage's image
 * name is parsed anew by the library on every call).
 */
function imageFroms(doc: Doc): { stage: Stage; from: From; image: string }[] {
  return memo(doc, 'imageFroms', () =>
    builtStages(doc).flatMap((stage) => {
      // `parent`: the earlier stage this FROM names.
      if (stage.parent !== null) return [];
      const image = stage.from.getImageName() ?? '';
      if (image === '' || image.toLowerCase() === 'scratch' || image.includes('$')) return [];
      return [{ stage, from: stage.from, image }];
    }),
  );
}

function imageRange(from: From) {
  return from.getImageRange() ?? from.getRange();
}

/** The registry part of an image reference (`host.tld/...`, `host:port/...`, `localhost/...`), or null for Docker Hub. */
function registryOf(image: string): string | null {
  const slash = image.indexOf('/');
  if (slash < 0) return null;
  const first = image.slice(0, slash);
  return /[.:]/.test(first) || first === 'localhost' ? first : null;
}

/**
 * Images named by `COPY --from=` and `RUN --mount=...,from=`: values that are not an
 * earlier stage's name, a stage index or a build argument.
 */
function flagImages(doc: Doc): { range: Range; image: string }[] {
  const sources = doc.stages.flatMap((stage) => [
    ...inStage(stage, 'COPY').map((i) => ({ stage, instruction: i, values: bodyOf(doc, i).flags.filter((f) => f.name === 'from').map((f) => f.value) })),
    ...doc.runs
      .filter((r) => r.stage === stage)
      .map((r) => ({ stage, instruction: r.instruction as Instruction, values: r.body.flags.filter((f) => f.name === 'mount').flatMap((f) => /(?:^|,)from=([^,]+)/.exec(f.value)?.[1] ?? []) })),
  ]);
  return sources.flatMap(({ stage, instruction, values }) =>
    values
      .filter((v) => v !== '' && !v.includes('$') && !/^\d+$/.test(v) && !doc.stages.some((s) => s.index < stage.index && s.name === v.toLowerCase()))
      .map((image) => {
        const start = doc.offsetAt(instruction.getRange().start);
        const at = doc.text.indexOf(`from=${image}`, start);
        const range = at < 0 ? instruction.getInstructionRange() : doc.range(at + 5, at + 5 + image.length);
        return { range, image };
      }),
  );
}

/** `*.example.com` style patterns as well as exact registry names. */
function registryAllowed(registry: string, trusted: readonly string[]): boolean {
  const aliases = registry === 'docker.io' ? ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com'] : [registry];
  return trusted.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p.startsWith('*')) return aliases.some((r) => r.endsWith(p.slice(1)));
    return aliases.includes(p);
  });
}

export const fromRules: Rule[] = [
  rule('DL3006', 'Always tag the version of an image explicitly', 'warning', (doc) =>
    imageFroms(doc)
      .filter(({ from }) => from.getImageTag() === null && from.getImageDigest() === null)
      .map(({ from, image }) => ({ range: imageRange(from), message: l10n.t('Tag {0} with an explicit version (`{1}:<version>`); untagged means whatever latest is today.', image, image) })),
  ),
  rule('DL3007', 'Do not use the latest tag', 'warning', (doc) =>
    imageFroms(doc)
      // A digest pins the image whatever the tag says.
      .filter(({ from }) => from.getImageTag() === 'latest' && from.getImageDigest() === null)
      .map(({ from }) => ({ range: from.getImageTagRange() ?? imageRange(from), message: l10n.t('latest moves whenever the image is republished; pin a release tag instead.') })),
  ),
  rule('DL3024', 'FROM aliases (stage names) must be unique', 'error', (doc) =>
    builtStages(doc)
      .filter((s) => s.name !== null && builtStages(doc).some((t) => t.index < s.index && t.name === s.name))
      .map((s) => ({ range: s.from.getBuildStageRange() ?? s.from.getRange(), message: l10n.t('Another stage is already named "{0}".', String(s.from.getBuildStage())) })),
  ),
  rule('DL3026', 'Use only an allowed registry in the FROM image', 'error', (doc) => {
    const trusted = doc.context.trustedRegistries;
    if (trusted.length === 0) return [];
    const untrusted = (registry: string | null) => !registryAllowed((registry ?? 'docker.io').toLowerCase(), trusted);
    const message = (registry: string | null) => l10n.t('Registry {0} is not in the trusted registries ({1}).', registry ?? 'docker.io', trusted.join(', '));
    const froms = imageFroms(doc)
      .filter(({ from }) => untrusted(from.getRegistry()))
      .map(({ from }) => ({ range: imageRange(from), message: message(from.getRegistry()) }));
    // COPY --from=<image> and RUN --mount=...,from=<image> pull an image just as FROM does.
    const pulled = flagImages(doc)
      .filter(({ image }) => untrusted(registryOf(image)))
      .map(({ range, image }) => ({ range, message: message(registryOf(image)) }));
    return [...froms, ...pulled];
  }),
  rule('DL3029', 'Do not use --platform with FROM', 'warning', (doc) =>
    builtStages(doc).flatMap((s) => {
      const flag = s.from.getPlatformFlag();
      // A build argument ($BUILDPLATFORM, $TARGETPLATFORM) keeps the build multi-platform; DL3065 covers the redundant one.
      if (!flag || (flag.getValue() ?? '').includes('$')) return [];
      return [{ range: flag.getRange(), message: l10n.t('A fixed --platform ties the stage to one platform; let the builder choose, or use $BUILDPLATFORM.') }];
    }),
  ),
  rule('DL3043', 'ONBUILD may not trigger ONBUILD, FROM or MAINTAINER', 'error', (doc) =>
    doc.context.dockerfile
      .getInstructions()
      .filter((i) => i.getKeyword() === 'ONBUILD')
      .flatMap((i) => {
        const trigger = (i as Onbuild).getTriggerInstruction();
        const keyword = trigger?.getKeyword() ?? '';
        return trigger && ['ONBUILD', 'FROM', 'MAINTAINER'].includes(keyword) ? [{ range: trigger.getInstructionRange(), message: l10n.t('ONBUILD cannot trigger {0}.', keyword) }] : [];
      }),
  ),
  rule('DL3061', 'The Dockerfile must begin with FROM, ARG or a comment', 'error', (doc) =>
    doc.preamble
      .filter((i) => i.getKeyword() !== 'ARG')
      .map((i) => ({ range: i.getInstructionRange(), message: l10n.t('{0} before the first FROM: only ARG (and comments) may come first.', i.getKeyword()) })),
  ),
  rule('DL3063', 'Stage name should not be a reserved word', 'warning', (doc) =>
    builtStages(doc)
      .filter((s) => s.name === 'scratch' || s.name === 'context')
      .map((s) => ({ range: s.from.getBuildStageRange() ?? s.from.getRange(), message: l10n.t('"{0}" is reserved by the builder and cannot name a stage.', String(s.from.getBuildStage())) })),
  ),
  rule('DL3065', 'FROM --platform=$TARGETPLATFORM is redundant', 'warning', (doc) =>
    builtStages(doc).flatMap((s): Finding[] => {
      const flag = s.from.getPlatformFlag();
      if (!flag || !/^\$(\{TARGETPLATFORM\}|TARGETPLATFORM)$/.test(flag.getValue() ?? '')) return [];
      const start = doc.offsetAt(flag.getRange().start);
      const end = doc.offsetAt(flag.getRange().end);
      const after = /^[ \t]*/.exec(doc.text.slice(end))?.[0].length ?? 0;
      return [{ range: flag.getRange(), message: l10n.t('$TARGETPLATFORM is already the default platform of a stage; drop the flag.'), fixes: [fix(l10n.t('Remove --platform'), edit(doc, start, end + after, ''))] }];
    }),
  ),
];

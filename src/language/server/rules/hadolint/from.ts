/**
 * FROM and stage rules: explicit tags (DL3006, DL3007), unique and unreserved stage names
 * (DL3024, DL3063), trusted registries (DL3026), --platform (DL3029, DL3065), what may
 * precede the first FROM (DL3061) and what ONBUILD may trigger (DL3043).
 */
import type { From, Onbuild } from 'dockerfile-ast';
import type { Finding, Rule } from '../types';
import { builtStages, edit, fix, rule, type Doc, type Stage } from './context';

/** FROMs that name a real image: not scratch, not an earlier stage, not an ARG we cannot resolve. */
function imageFroms(doc: Doc): { stage: Stage; from: From; image: string }[] {
  return builtStages(doc).flatMap((stage) => {
    const image = stage.from.getImageName() ?? '';
    if (image === '' || image.toLowerCase() === 'scratch' || image.includes('$')) return [];
    if (builtStages(doc).some((s) => s.index < stage.index && s.name === image.toLowerCase())) return [];
    return [{ stage, from: stage.from, image }];
  });
}

function imageRange(from: From) {
  return from.getImageRange() ?? from.getRange();
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
      .map(({ from, image }) => ({ range: imageRange(from), message: `Tag ${image} with an explicit version (\`${image}:<version>\`); untagged means whatever latest is today.` })),
  ),
  rule('DL3007', 'Do not use the latest tag', 'warning', (doc) =>
    imageFroms(doc)
      // A digest pins the image whatever the tag says.
      .filter(({ from }) => from.getImageTag() === 'latest' && from.getImageDigest() === null)
      .map(({ from }) => ({ range: from.getImageTagRange() ?? imageRange(from), message: 'latest moves whenever the image is republished; pin a release tag instead.' })),
  ),
  rule('DL3024', 'FROM aliases (stage names) must be unique', 'error', (doc) =>
    builtStages(doc)
      .filter((s) => s.name !== null && builtStages(doc).some((t) => t.index < s.index && t.name === s.name))
      .map((s) => ({ range: s.from.getBuildStageRange() ?? s.from.getRange(), message: `Another stage is already named "${s.from.getBuildStage()}".` })),
  ),
  rule('DL3026', 'Use only an allowed registry in the FROM image', 'error', (doc) => {
    const trusted = doc.context.trustedRegistries;
    if (trusted.length === 0) return [];
    return imageFroms(doc)
      .filter(({ from }) => !registryAllowed((from.getRegistry() ?? 'docker.io').toLowerCase(), trusted))
      .map(({ from }) => ({ range: imageRange(from), message: `Registry ${from.getRegistry() ?? 'docker.io'} is not in the trusted registries (${trusted.join(', ')}).` }));
  }),
  rule('DL3029', 'Do not use --platform with FROM', 'warning', (doc) =>
    builtStages(doc).flatMap((s) => {
      const flag = s.from.getPlatformFlag();
      // A build argument ($BUILDPLATFORM, $TARGETPLATFORM) keeps the build multi-platform; DL3065 covers the redundant one.
      if (!flag || (flag.getValue() ?? '').includes('$')) return [];
      return [{ range: flag.getRange(), message: 'A fixed --platform ties the stage to one platform; let the builder choose, or use $BUILDPLATFORM.' }];
    }),
  ),
  rule('DL3043', 'ONBUILD may not trigger ONBUILD, FROM or MAINTAINER', 'error', (doc) =>
    doc.context.dockerfile
      .getInstructions()
      .filter((i) => i.getKeyword() === 'ONBUILD')
      .flatMap((i) => {
        const trigger = (i as Onbuild).getTriggerInstruction();
        const keyword = trigger?.getKeyword() ?? '';
        return trigger && ['ONBUILD', 'FROM', 'MAINTAINER'].includes(keyword) ? [{ range: trigger.getInstructionRange(), message: `ONBUILD cannot trigger ${keyword}.` }] : [];
      }),
  ),
  rule('DL3061', 'The Dockerfile must begin with FROM, ARG or a comment', 'error', (doc) =>
    doc.preamble
      .filter((i) => i.getKeyword() !== 'ARG')
      .map((i) => ({ range: i.getInstructionRange(), message: `${i.getKeyword()} before the first FROM: only ARG (and comments) may come first.` })),
  ),
  rule('DL3063', 'Stage name should not be a reserved word', 'warning', (doc) =>
    builtStages(doc)
      .filter((s) => s.name === 'scratch' || s.name === 'context')
      .map((s) => ({ range: s.from.getBuildStageRange() ?? s.from.getRange(), message: `"${s.from.getBuildStage()}" is reserved by the builder and cannot name a stage.` })),
  ),
  rule('DL3065', 'FROM --platform=$TARGETPLATFORM is redundant', 'warning', (doc) =>
    builtStages(doc).flatMap((s): Finding[] => {
      const flag = s.from.getPlatformFlag();
      if (!flag || !/^\$(\{TARGETPLATFORM\}|TARGETPLATFORM)$/.test(flag.getValue() ?? '')) return [];
      const start = doc.offsetAt(flag.getRange().start);
      const end = doc.offsetAt(flag.getRange().end);
      const after = /^[ \t]*/.exec(doc.text.slice(end))?.[0].length ?? 0;
      return [{ range: flag.getRange(), message: '$TARGETPLATFORM is already the default platform of a stage; drop the flag.', fixes: [fix('Remove --platform', edit(doc, start, end + after, ''))] }];
    }),
  ),
];

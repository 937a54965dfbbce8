/**
 * The Dockerfile-style changes `docker commit --change` takes, from one line of text:
 * instructions separated by ";" where the next word is an instruction keyword (so a
 * ";" inside `CMD ["sh", "-c", "a; b"]` stays where it is). Pure, unit-tested.
 */
import * as l10n from '@vscode/l10n';
export const commitInstructions = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'LABEL', 'ONBUILD', 'USER', 'VOLUME', 'WORKDIR'] as const;

const splitter = new RegExp(`;\\s*(?=(?:${commitInstructions.join('|')})\\s)`, 'i');

export type ParsedChanges = { ok: true; changes: string[] } | { ok: false; error: string };

export function parseCommitChanges(text: string): ParsedChanges {
  const parts = text.split(/\r?\n/).flatMap((line) => line.split(splitter)).map((p) => p.trim().replace(/;$/, '').trim()).filter(Boolean);
  for (const part of parts) {
    const keyword = /^(\S+)/.exec(part)?.[1].toUpperCase() ?? '';
    if (!(commitInstructions as readonly string[]).includes(keyword)) {
      return { ok: false, error: l10n.t('"{0}" is not one of {1}.', part, commitInstructions.join(', ')) };
    }
    if (part.length === keyword.length) return { ok: false, error: l10n.t('{0} needs an argument.', keyword) };
    if (keyword === 'EXPOSE' && !/^EXPOSE(\s+\d{1,5}(\/(tcp|udp|sctp))?)+$/i.test(part)) {
      return { ok: false, error: l10n.t('"{0}": EXPOSE takes ports like 80 or 53/udp.', part) };
    }
  }
  return { ok: true, changes: parts.map((p) => p.replace(/^(\S+)/, (k) => k.toUpperCase())) };
}

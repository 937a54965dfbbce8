/**
 * The localization check's rules, pure: each takes the parsed files and returns problems,
 * one sentence each. scripts/l10n/check.ts reads the files and prints these.
 */
import { nlsKey, visibleStrings } from './manifest';

type Strings = Record<string, unknown>;

/** What must survive translation unchanged: {0}-style placeholders, command links, #setting# links and `code` (or ``code``, as walkthroughs write it). */
export function invariants(text: string): string[] {
  const found = [
    ...text.matchAll(/\{\w+\}/g),
    ...text.matchAll(/\(command:[\w.-]+[^)]*\)/g),
    ...text.matchAll(/#[\w.-]+#/g),
    ...text.matchAll(/``[^`]+``|`[^`]+`/g),
  ].map((m) => m[0]);
  return found.sort();
}

function sameInvariants(english: string, korean: string): string | undefined {
  const a = invariants(english);
  const b = invariants(korean);
  if (a.join('\u0000') === b.join('\u0000')) return undefined;
  const missing = a.filter((x) => !b.includes(x));
  const added = b.filter((x) => !a.includes(x));
  return [missing.length ? `lacks ${missing.join(' ')}` : '', added.length ? `adds ${added.join(' ')}` : ''].filter(Boolean).join(', ') || 'repeats a placeholder a different number of times';
}

const quote = (key: string) => JSON.stringify(key.length > 90 ? `${key.slice(0, 87)}…` : key);

/**
 * The code's strings (the l10n-dev export: key → English or {message}) against the Korean bundle:
 * every key translated, no Korean for a key the code no longer has, the same placeholders, sorted keys.
 */
export function bundleProblems(exported: Strings, korean: Strings, bundleName = 'l10n/bundle.l10n.ko.json'): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(exported)) {
    if (!(key in korean)) problems.push(`no Korean for ${quote(key)} in ${bundleName}`);
  }
  for (const [key, value] of Object.entries(korean)) {
    if (!(key in exported)) {
      problems.push(`${bundleName} translates ${quote(key)}, which no l10n.t call in src/ uses`);
      continue;
    }
    const text = typeof value === 'string' ? value : (value as { message?: unknown } | null)?.message;
    if (typeof text !== 'string' || !text.trim()) {
      problems.push(`${bundleName} has an empty translation for ${quote(key)}`);
      continue;
    }
    const english = exported[key];
    const englishText = typeof english === 'string' ? english : String((english as { message?: unknown }).message ?? key);
    const differs = sameInvariants(englishText, text);
    if (differs) problems.push(`${bundleName}: the Korean for ${quote(key)} ${differs}`);
  }
  const keys = Object.keys(korean);
  const sorted = [...keys].sort();
  const firstOut = keys.findIndex((k, i) => k !== sorted[i]);
  if (firstOut >= 0) problems.push(`${bundleName} is not sorted by key (first out of place: ${quote(keys[firstOut])}); keys are kept sorted so branches merge`);
  return problems;
}

/**
 * package.json against package.nls.json (English) and package.nls.ko.json: every user-visible
 * string a %key% with English, no unused key, the same keys in both languages, the same placeholders.
 */
export function manifestProblems(manifest: Strings, english: Strings, korean: Strings): string[] {
  const problems: string[] = [];
  const used = new Set<string>();
  for (const { where, value, key } of visibleStrings(manifest)) {
    const placeholder = nlsKey(value);
    if (placeholder === undefined) problems.push(`package.json ${where} is the literal ${quote(value)}: use "%${key}%" with the English in package.nls.json and the Korean in package.nls.ko.json`);
    else {
      used.add(placeholder);
      if (!(placeholder in english)) problems.push(`package.json ${where} names %${placeholder}%, which package.nls.json does not define`);
    }
  }
  for (const key of Object.keys(english)) {
    if (!used.has(key)) problems.push(`package.nls.json defines ${quote(key)}, which package.json does not use`);
    if (!(key in korean)) problems.push(`package.nls.ko.json has no Korean for ${quote(key)}`);
  }
  for (const [key, value] of Object.entries(korean)) {
    if (!(key in english)) {
      problems.push(`package.nls.ko.json defines ${quote(key)}, which package.nls.json does not`);
      continue;
    }
    if (typeof value !== 'string' || !value.trim()) {
      problems.push(`package.nls.ko.json has an empty translation for ${quote(key)}`);
      continue;
    }
    const differs = sameInvariants(String(english[key]), value);
    if (differs) problems.push(`package.nls.ko.json: the Korean for ${quote(key)} ${differs}`);
  }
  return problems;
}

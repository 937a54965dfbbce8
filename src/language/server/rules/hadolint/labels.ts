/**
 * LABEL rules: key syntax (DL3048) and the label schema from .hadolint.yaml (DL3049–DL3058
 * except DL3057). The schema maps a label name to a type: text, url, semver, hash,
 * rfc3339, spdx or email; each type has its own value check.
 */
import * as l10n from '@vscode/l10n';
import type { Label, Property } from 'dockerfile-ast';
import type { Finding, Rule, RuleContext } from '../types';
import { bodyOf, inStage, rule, stageRange, type Doc, type Stage } from './context';

interface LabelEntry {
  stage: Stage;
  property: Property;
  name: string;
  value: string;
}

function labels(doc: Doc): LabelEntry[] {
  return doc.stages.flatMap((stage) =>
    inStage(stage, 'LABEL').flatMap((l) => (l as Label).getProperties().map((property) => ({ stage, property, name: property.getName(), value: property.getValue() ?? '' }))),
  );
}

/** Labels of one schema type, skipping values built from build arguments (unknown until build time). */
function typed(doc: Doc, type: string): LabelEntry[] {
  const schema = doc.context.labelSchema;
  return labels(doc).filter((l) => schema[l.name] === type && l.value !== '' && !l.value.includes('$'));
}

function valueRule(code: string, title: string, type: string, valid: (v: string) => boolean, what: () => string): Rule {
  return rule(code, title, 'warning', (doc) =>
    typed(doc, type)
      .filter((l) => !valid(l.value))
      .map((l) => ({ range: l.property.getValueRange() ?? l.property.getRange(), message: l10n.t('Label {0} should be {1}; "{2}" is not.', l.name, what(), l.value) })),
  );
}

/** Docker's label key recommendation: lowercase alphanumerics separated by single dots or dashes, outside Docker's own namespaces. */
function validKey(key: string): boolean {
  if (/^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/.test(key)) return false;
  // hadolint's reading: starts with a lowercase letter (digits only after it).
  return /^[a-z][a-z0-9]*([.-][a-z0-9]+)*$/.test(key);
}

const url = (v: string) => {
  try {
    const u = new URL(v);
    return u.host !== '' || u.protocol === 'mailto:';
  } catch {
    return false;
  }
};
const rfc3339 = (v: string) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v.replace(' ', 'T')));
const semver = (v: string) => /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/.test(v);
/** A full SHA-1 commit id, an abbreviated one (7+ digits) or a SHA-256 one. */
const gitHash = (v: string) => /^[0-9a-fA-F]{7,40}$/.test(v) || /^[0-9a-fA-F]{64}$/.test(v);
const email = (v: string) => /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(v);

/** Common SPDX identifiers; not the whole list, but the licenses images actually carry. */
const spdxIds = new Set(
  (
    '0BSD AFL-3.0 AGPL-1.0-only AGPL-1.0-or-later AGPL-3.0 AGPL-3.0-only AGPL-3.0-or-later Apache-1.0 Apache-1.1 Apache-2.0 APSL-2.0 Artistic-1.0 Artistic-2.0 ' +
    'BlueOak-1.0.0 BSD-1-Clause BSD-2-Clause BSD-2-Clause-Patent BSD-3-Clause BSD-3-Clause-Clear BSD-4-Clause BSL-1.0 BUSL-1.1 CC-BY-3.0 CC-BY-4.0 CC-BY-SA-3.0 CC-BY-SA-4.0 ' +
    'CC0-1.0 CDDL-1.0 CDDL-1.1 CECILL-2.1 CPL-1.0 ECL-2.0 EPL-1.0 EPL-2.0 EUPL-1.1 EUPL-1.2 GFDL-1.3-only GFDL-1.3-or-later GPL-1.0-or-later GPL-2.0 GPL-2.0-only ' +
    'GPL-2.0-or-later GPL-3.0 GPL-3.0-only GPL-3.0-or-later HPND ICU IJG ISC LGPL-2.0-only LGPL-2.0-or-later LGPL-2.1 LGPL-2.1-only LGPL-2.1-or-later LGPL-3.0 LGPL-3.0-only ' +
    'LGPL-3.0-or-later LPPL-1.3c MIT MIT-0 MPL-1.1 MPL-2.0 MPL-2.0-no-copyleft-exception MS-PL MS-RL MulanPSL-2.0 NCSA OFL-1.1 OpenSSL OSL-3.0 PHP-3.01 PostgreSQL ' +
    'PSF-2.0 Python-2.0 Ruby SSPL-1.0 Unicode-DFS-2016 Unlicense UPL-1.0 Vim W3C WTFPL X11 Zlib ZPL-2.1 Classpath-exception-2.0 LLVM-exception GCC-exception-3.1'
  ).split(' '),
);
/** An SPDX expression: identifiers (or LicenseRef-…) joined by AND, OR, WITH, with parentheses. */
const spdx = (v: string) => {
  const tokens = v.replace(/[()]/g, ' ').split(/\s+/).filter(Boolean);
  return tokens.length > 0 && tokens.every((t, i) => (i % 2 === 1 ? ['AND', 'OR', 'WITH'].includes(t) : spdxIds.has(t.replace(/\+$/, '')) || /^(DocumentRef-[\w.-]+:)?LicenseRef-[\w.-]+$/.test(t)));
};

/**
 * Whether a stage must carry the label itself. Every stage may become an image (`--target`),
 * except a named stage whose role is plain: another stage copies files out of it
 * (`COPY --from=name`, its labels never reach an image), or a stage built on it adds the label.
 */
function owesLabel(doc: Doc, stage: Stage, label: string): boolean {
  if (stageLabels(doc, stage).has(label)) return false;
  if (stage.name === null) return true;
  const copiedFrom = doc.stages.some((s) => inStage(s, 'COPY').some((c) => bodyOf(doc, c).flags.some((f) => f.name === 'from' && f.value.toLowerCase() === stage.name)));
  const labelledDownstream = labels(doc).some((l) => l.name === label && l.stage.parent === stage);
  return !copiedFrom && !labelledDownstream;
}

function stageLabels(doc: Doc, stage: Stage): Set<string> {
  const names = new Set<string>();
  for (let s: Stage | null = stage; s; s = s.parent) for (const l of labels(doc)) if (l.stage === s) names.add(l.name);
  return names;
}

/** `strict-labels` from .hadolint.yaml; the shared contract does not carry it yet, so it is read when present. */
function strictLabels(context: RuleContext): boolean {
  return (context as RuleContext & { strictLabels?: boolean }).strictLabels === true;
}

export const labelRules: Rule[] = [
  rule('DL3048', 'Invalid label key', 'hint', (doc) =>
    labels(doc)
      // A key that is all one variable is unknown until build time; a `$` inside a name is not allowed.
      .filter((l) => !/^\$(\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)$/.test(l.name) && !validKey(l.name))
      .map((l) => ({ range: l.property.getNameRange(), message: l10n.t('Label key "{0}" should be lowercase alphanumerics separated by single . or -, outside com.docker.*, io.docker.* and org.dockerproject.*.', l.name) })),
  ),
  rule('DL3049', 'Label is missing', 'info', (doc) => {
    const required = Object.keys(doc.context.labelSchema);
    if (required.length === 0) return [];
    return doc.stages.flatMap((stage) =>
      required.filter((name) => owesLabel(doc, stage, name)).map((name): Finding => ({ range: stageRange(stage), message: l10n.t('Label {0} is missing (required by the label schema).', name) })),
    );
  }),
  rule('DL3050', 'Superfluous label(s) present', 'info', (doc) => {
    const schema = doc.context.labelSchema;
    if (!strictLabels(doc.context)) return [];
    return labels(doc)
      .filter((l) => !(l.name in schema))
      .map((l) => ({ range: l.property.getNameRange(), message: l10n.t('Label {0} is not in the label schema.', l.name) }));
  }),
  rule('DL3051', 'Label is empty', 'warning', (doc) =>
    labels(doc)
      .filter((l) => l.name in doc.context.labelSchema && l.value.trim() === '')
      .map((l) => ({ range: l.property.getRange(), message: l10n.t('Label {0} is empty.', l.name) })),
  ),
  valueRule('DL3052', 'Label is not a valid URL', 'url', url, () => l10n.t('a URL')),
  valueRule('DL3053', 'Label is not a valid RFC 3339 time', 'rfc3339', rfc3339, () => l10n.t('an RFC 3339 date-time (2024-05-01T12:00:00Z)')),
  valueRule('DL3054', 'Label is not a valid SPDX license identifier', 'spdx', spdx, () => l10n.t('an SPDX license identifier or expression')),
  valueRule('DL3055', 'Label is not a valid git hash', 'hash', gitHash, () => l10n.t('a git commit hash')),
  valueRule('DL3056', 'Label does not conform to semantic versioning', 'semver', semver, () => l10n.t('a semantic version (1.2.3)')),
  valueRule('DL3058', 'Label is not a valid email address', 'email', email, () => l10n.t('an email address')),
];

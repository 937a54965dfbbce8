/**
 * RPM packaging in RUN: yum (DL3030, DL3032, DL3033), dnf and microdnf (DL3038, DL3040,
 * DL3041) and zypper (DL3034–DL3037). Same concerns as apt: no prompts, pinned
 * versions, and the package cache removed in the layer that filled it.
 */
import * as l10n from '@vscode/l10n';
import type { PropertyInstruction } from 'dockerfile-ast';
import type { Rule } from '../types';
import { basename, commandsNamed, hasFlag, operands, type Operand, type ShellCommand } from '../../shell/model';
import { appendCleanup, cacheMounts, edit, fix, inStage, shellRule, type Doc, type RunInfo, type Stage } from './context';

const valueFlags = ['-c', '--config', '--installroot', '--enablerepo', '--disablerepo', '-x', '--exclude', '--setopt', '--releasever', '-d', '--debuglevel', '-e', '--errorlevel', '--repo', '--repoid', '-r'];

interface Install {
  cmd: ShellCommand;
  verb: Operand;
  packages: Operand[];
}

function installs(run: RunInfo, tools: string[], verbs: string[]): Install[] {
  return commandsNamed(run.script, tools).flatMap((cmd) => {
    const all = operands(cmd, 1, valueFlags);
    const verb = all[0];
    return verb && verb.value !== null && verbs.includes(verb.value) ? [{ cmd, verb, packages: all.slice(1) }] : [];
  });
}

function noPrompt(code: string, tools: string[], verbs: string[], short: string, long: string[], label: string): Rule {
  return shellRule(code, `Use the -y switch with ${label}`, 'warning', (run, doc) =>
    installs(run, tools, verbs)
      .filter(({ cmd }) => !hasFlag(cmd, short, long))
      .map(({ cmd, verb }) => ({
        range: doc.range(cmd.start, verb.word.end),
        message: l10n.t('{0} {1} without -y waits for a confirmation no build can give.', cmd.name, String(verb.value)),
        fixes: [fix(l10n.t('Add -y'), edit(doc, verb.word.end, verb.word.end, ' -y'))],
      })),
  );
}

/**
 * `<tool> clean all` by the same tool after the install (or an `rm` of the cache directory
 * after it, or a cache or tmpfs mount on it) in the same RUN; a clean before the install
 * leaves the install's cache behind.
 */
function cleanRule(code: string, title: string, tools: string[], verbs: string[], cleanVerbs: string[], cacheDirs: string[], cleanup: string): Rule {
  const inCache = (path: string) => cacheDirs.some((dir) => path === dir || path.startsWith(`${dir}/`));
  return shellRule(code, title, 'warning', (run, doc) => {
    const found = installs(run, tools, verbs);
    if (found.length === 0) return [];
    if (cacheMounts(run).some((t) => inCache(t.replace(/\/+$/, '')))) return [];
    const { cmd, verb } = found[found.length - 1];
    const cleaned = commandsNamed(run.script, [basename(cmd.name)]).some((c) => {
      const ops = operands(c, 1, valueFlags).map((o) => o.value);
      return c.start > cmd.start && ops[0] !== null && cleanVerbs.includes(ops[0] ?? '') && (ops[0] !== 'clean' || tools[0] === 'zypper' || ops[1] === 'all');
    });
    const removed = commandsNamed(run.script, ['rm']).some((c) => c.start > cmd.start && c.argv.some((w) => w.value !== null && inCache(w.value.replace(/\/?\*?$/, ''))));
    if (cleaned || removed) return [];
    // microdnf cleans with its own command, not dnf's.
    const command = cleanup.replace(tools[0], basename(cmd.name));
    return [{ range: doc.range(cmd.start, verb.word.end), message: l10n.t('Run `{0}` after {1} {2} in the same RUN, or the package cache stays in the layer.', command, cmd.name, String(verb.value)), fixes: appendCleanup(doc, run, command) }];
  });
}

function pinRule(code: string, title: string, tools: string[], verbs: string[], pinned: (name: string) => boolean, hint: string): Rule {
  return shellRule(code, title, 'warning', (run, doc: Doc) => {
    const unpinned = (p: Operand, isPinned: (name: string) => boolean) => p.value !== null && !p.value.endsWith('.rpm') && !p.value.startsWith('/') && !p.value.startsWith('@') && !isPinned(p.value);
    const message = (p: Operand) => ({ range: doc.range(p.word.start, p.word.end), message: l10n.t('Pin the version of `{0}` ({1}).', p.value ?? p.word.raw, hint.replace('<package>', p.value ?? p.word.raw)) });
    const packages = installs(run, tools, verbs).flatMap(({ packages }) => packages.filter((p) => unpinned(p, pinned) || versionOutOfScope(doc, run.stage, p)));
    // `module install name:stream`: a module is pinned by its stream.
    const modules = installs(run, tools, ['module']).flatMap(({ packages }) => (packages[0]?.value === 'install' ? packages.slice(1).filter((p) => unpinned(p, (name) => name.includes(':'))) : []));
    return [...packages, ...modules].map(message);
  });
}

/**
 * `name-${version}` where `version` is set only by an ENV of a stage this one is not built
 * on: the author meant it as the pin, but here it expands to nothing. A name set nowhere
 * is given the benefit of the doubt (the base image may set it).
 */
function versionOutOfScope(doc: Doc, stage: Stage | null, p: Operand): boolean {
  const name = p.value === null ? /-\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(p.word.raw)?.[1] : undefined;
  if (!name) return false;
  const sets = (s: Stage, keyword: string) => inStage(s, keyword).some((i) => (i as PropertyInstruction).getProperties().some((prop) => prop.getName() === name));
  const inScope = new Set<Stage>();
  for (let s = stage; s; s = s.parent) inScope.add(s);
  if ([...inScope].some((s) => sets(s, 'ENV') || sets(s, 'ARG'))) return false;
  return doc.stages.some((s) => !inScope.has(s) && sets(s, 'ENV'));
}

/** yum and dnf spell a version as name-version (`httpd-2.4.57`): a dash followed by a digit. */
const rpmVersioned = (name: string) => /-\d/.test(name);
const zypperVersioned = (name: string) => /[=<>]/.test(name);

const dnfInstallVerbs = ['install', 'in', 'groupinstall', 'localinstall', 'reinstall', 'rei', 'upgrade', 'up', 'upgrade-minimal', 'up-min'];

export const rpmRules: Rule[] = [
  noPrompt('DL3030', ['yum'], ['install', 'groupinstall', 'localinstall', 'reinstall'], 'y', ['assumeyes'], 'yum install'),
  cleanRule('DL3032', '`yum clean all` missing after yum command', ['yum'], ['install', 'groupinstall', 'localinstall', 'reinstall'], ['clean'], ['/var/cache/yum'], 'yum clean all'),
  pinRule('DL3033', 'Specify version with yum install -y <package>-<version>', ['yum'], ['install', 'reinstall'], rpmVersioned, '`yum install -y <package>-<version>`'),
  noPrompt('DL3034', ['zypper'], ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'], 'ny', ['non-interactive', 'no-confirm'], 'zypper'),
  shellRule('DL3035', 'Do not use zypper dist-upgrade', 'warning', (run, doc) =>
    installs(run, ['zypper'], ['dist-upgrade', 'dup']).map(({ cmd, verb }) => ({
      range: doc.range(cmd.start, verb.word.end),
      message: l10n.t('zypper dist-upgrade swaps the base distribution under the image; pick a newer base image instead.'),
    })),
  ),
  cleanRule('DL3036', '`zypper clean` missing after zypper use', ['zypper'], ['install', 'in'], ['clean', 'cc'], ['/var/cache/zypp'], 'zypper clean'),
  pinRule('DL3037', 'Specify version with zypper install -y <package>=<version>', ['zypper'], ['install', 'in'], zypperVersioned, '`zypper install -y <package>=<version>`'),
  noPrompt('DL3038', ['dnf', 'microdnf'], ['install', 'groupinstall', 'localinstall', 'reinstall'], 'y', ['assumeyes'], 'dnf install'),
  // dnf's aliases (in, up, rei, up-min) and upgrades fill the cache as installs do; dnf5 keeps it in libdnf5.
  cleanRule('DL3040', '`dnf clean all` missing after dnf command', ['dnf', 'microdnf'], dnfInstallVerbs, ['clean'], ['/var/cache/dnf', '/var/cache/yum', '/var/cache/libdnf5'], 'dnf clean all'),
  pinRule('DL3041', 'Specify version with dnf install -y <package>-<version>', ['dnf', 'microdnf'], ['install', 'reinstall'], rpmVersioned, '`dnf install -y <package>-<version>`'),
];

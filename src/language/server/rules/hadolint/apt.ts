/**
 * Debian and Alpine packaging in RUN: apt-get (DL3008, DL3009, DL3014, DL3015), apt
 * (DL3027) and apk (DL3018, DL3019). Unpinned packages make rebuilds drift; prompts
 * hang a build; recommends and package caches bloat the image.
 */
import * as l10n from '@vscode/l10n';
import type { Finding } from '../types';
import { commandsNamed, hasFlag, operands, type Operand, type ShellCommand } from '../../shell/model';
import { appendCleanup, cacheMounts, edit, fix, shellRule, shipped, type Doc, type RunInfo } from './context';

const aptValueFlags = ['-o', '--option', '-c', '--config-file', '-t', '--target-release', '-a', '--host-architecture'];
const apkValueFlags = ['-t', '--virtual', '-X', '--repository', '-p', '--root', '--keys-dir', '--repositories-file', '--arch', '--cache-dir', '--cache-max-age'];

/** The subcommand operand (`install`) and the operands after it, for commands like `apt-get -q install x`. */
function subcommand(cmd: ShellCommand, valueFlags: string[]): { verb: Operand | null; rest: Operand[] } {
  const all = operands(cmd, 1, valueFlags);
  return { verb: all[0] ?? null, rest: all.slice(1) };
}

function installs(run: RunInfo, tool: string, verbs: string[], valueFlags: string[]): { cmd: ShellCommand; verb: Operand; packages: Operand[] }[] {
  return commandsNamed(run.script, [tool]).flatMap((cmd) => {
    const { verb, rest } = subcommand(cmd, valueFlags);
    return verb && verb.value !== null && verbs.includes(verb.value) ? [{ cmd, verb, packages: rest }] : [];
  });
}

/** apt-get, apt and aptitude all download the package lists to /var/lib/apt/lists. */
const aptFrontends = ['apt-get', 'apt', 'aptitude'];

const aptInstalls = (run: RunInfo) => installs(run, 'apt-get', ['install'], aptValueFlags);
const apkAdds = (run: RunInfo) => installs(run, 'apk', ['add'], apkValueFlags);

/** Packages whose name is static and that are not local files (those have no version to pin). */
function namedPackages(packages: Operand[], fileSuffix: string): Operand[] {
  return packages.filter((p) => p.value !== null && !p.value.endsWith(fileSuffix) && !p.value.startsWith('/') && !p.value.startsWith('.'));
}

function insertAfterVerb(doc: Doc, verb: Operand, flag: string, title: string) {
  return [fix(title, edit(doc, verb.word.end, verb.word.end, ` ${flag}`))];
}

export const aptRules = [
  shellRule('DL3008', 'Pin versions in apt-get install', 'warning', (run, doc) =>
    aptInstalls(run).flatMap(({ packages }) =>
      namedPackages(packages, '.deb')
        // apk's constraints: =, ~ (fuzzy), <, >, and their combinations.
        .filter((p) => !/[=~<>]/.test(p.value!))
        .map((p): Finding => ({ range: doc.range(p.word.start, p.word.end), message: l10n.t('Pin the version of `{0}` (`apt-get install {1}=<version>`).', String(p.value), String(p.value)) })),
    ),
  ),
  shellRule('DL3009', 'Delete the apt-get lists after installing something', 'info', (run, doc) => {
    const updates = commandsNamed(run.script, aptFrontends).filter((c) => subcommand(c, aptValueFlags).verb?.value === 'update');
    // An ONBUILD trigger runs in the images built from this one, whether or not this build ships the stage.
    if (updates.length === 0 || (!run.onbuild && !shipped(doc, run.stage))) return [];
    // A cache mount keeps the lists out of the layer: on the lists, or on all of apt's state and cache.
    const mounts = cacheMounts(run);
    if (mounts.some((t) => t.startsWith('/var/lib/apt/lists')) || (mounts.some((t) => t.startsWith('/var/lib/apt')) && mounts.some((t) => t.startsWith('/var/cache/apt')))) return [];
    const cleaned = commandsNamed(run.script, ['rm']).some((c) => c.argv.some((w) => w.value?.startsWith('/var/lib/apt/lists')));
    if (cleaned) return [];
    const first = updates[0];
    return [
      {
        range: doc.range(first.start, first.end),
        message: l10n.t('Remove /var/lib/apt/lists/* in the same RUN after {0} update, or the package lists stay in the layer.', first.argv[0].value ?? 'apt-get'),
        fixes: appendCleanup(doc, run, 'rm -rf /var/lib/apt/lists/*'),
      },
    ];
  }),
  shellRule('DL3014', 'Use the -y switch with apt-get install', 'warning', (run, doc) =>
    aptInstalls(run)
      .filter(({ cmd }) => !hasFlag(cmd, 'y', ['yes', 'assume-yes']) && !quietTwice(cmd))
      .map(({ cmd, verb }) => ({
        range: doc.range(cmd.start, verb.word.end),
        message: l10n.t('apt-get install without -y waits for a confirmation no build can give.'),
        fixes: insertAfterVerb(doc, verb, '-y', 'Add -y'),
      })),
  ),
  shellRule('DL3015', 'Avoid additional packages by specifying --no-install-recommends', 'info', (run, doc) =>
    aptInstalls(run)
      .filter(({ cmd }) => !hasFlag(cmd, '', ['no-install-recommends']) && !cmd.argv.some((w) => /^APT::Install-Recommends=(false|0)$/i.test(w.value ?? '')))
      .map(({ cmd, verb }) => ({
        range: doc.range(cmd.start, verb.word.end),
        message: l10n.t('Add --no-install-recommends so apt-get installs only what was asked for.'),
        fixes: insertAfterVerb(doc, verb, '--no-install-recommends', 'Add --no-install-recommends'),
      })),
  ),
  shellRule('DL3027', 'Do not use apt; use apt-get or apt-cache', 'warning', (run, doc) =>
    commandsNamed(run.script, ['apt']).map((cmd) => {
      const verb = subcommand(cmd, aptValueFlags).verb?.value ?? '';
      const replacement = ['search', 'show', 'policy', 'depends', 'rdepends'].includes(verb) ? 'apt-cache' : 'apt-get';
      const name = cmd.argv[0];
      return {
        range: doc.range(name.start, name.end),
        message: l10n.t('apt is meant for interactive use and its output is not stable; use {0}.', replacement),
        fixes: verb === 'list' ? [] : [fix(l10n.t('Use {0}', replacement), edit(doc, name.start, name.end, replacement))],
      };
    }),
  ),
  shellRule('DL3018', 'Pin versions in apk add', 'warning', (run, doc) =>
    apkAdds(run).flatMap(({ packages }) =>
      namedPackages(packages, '.apk')
        // apk's constraints: =, ~ (fuzzy), <, > and their combinations.
        .filter((p) => !/[=~<>]/.test(p.value!))
        .map((p) => ({ range: doc.range(p.word.start, p.word.end), message: l10n.t('Pin the version of `{0}` (`apk add {1}=<version>`).', String(p.value), String(p.value)) })),
    ),
  ),
  shellRule('DL3019', 'Use the --no-cache switch with apk add', 'info', (run, doc) => {
    if (cacheMounts(run).some((t) => t.replace(/\/+$/, '') === '/var/cache/apk')) return [];
    return apkAdds(run)
      .filter(({ cmd }) => !hasFlag(cmd, '', ['no-cache']))
      .map(({ cmd, verb }) => ({
        range: doc.range(cmd.start, verb.word.end),
        message: l10n.t('Use apk add --no-cache: no index to update first and no /var/cache/apk to remove after.'),
        fixes: insertAfterVerb(doc, verb, '--no-cache', 'Add --no-cache'),
      }));
  }),
];

/** `-qq`, `-q -q` or `-q=2` also answer yes for apt-get. */
function quietTwice(cmd: ShellCommand): boolean {
  const values = cmd.argv.map((w) => w.value ?? '');
  if (values.some((v) => /^-[a-z]*q[a-z]*q/.test(v) || v === '-q=2' || v === '--quiet=2')) return true;
  return values.filter((v) => v === '-q' || v === '--quiet').length >= 2;
}

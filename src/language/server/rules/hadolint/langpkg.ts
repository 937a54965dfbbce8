/**
 * Language package managers in RUN: pip (DL3013, DL3042), npm (DL3016), gem (DL3028),
 * yarn (DL3060) and go (DL3062). Unpinned packages make two builds of the same
 * Dockerfile differ; caches left behind only make the image larger.
 */
import * as l10n from '@vscode/l10n';
import type { Rule } from '../types';
import { basename, commandsNamed, hasFlag, operands, type Operand, type ShellCommand } from '../../shell/model';
import { appendCleanup, cacheMounts, edit, fix, inStage, memo, shellRule, shipped, type Doc, type RunInfo, type Stage } from './context';
import type { Env } from 'dockerfile-ast';

const pipValueFlags = ['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--upgrade-strategy', '--platform', '--python-version', '--implementation', '--abi', '--src', '--log', '--proxy', '--retries', '--timeout', '--cache-dir', '--trusted-host', '--progress-bar', '--global-option', '--install-option', '--no-binary', '--only-binary', '--config-settings', '-C', '--report', '--python', '--root-user-action'];
const npmValueFlags = ['--prefix', '--registry', '--cache', '-w', '--workspace', '--userconfig', '--loglevel', '--tag'];
const gemValueFlags = ['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '-P', '--trust-policy', '--platform'];

interface Install {
  cmd: ShellCommand;
  verb: Operand;
  packages: Operand[];
}

/** `pip install`, `pip3 install`, `python3 -m pip install`. */
function pipInstalls(run: RunInfo, withPipx = true): Install[] {
  return run.script.commands.flatMap((cmd) => {
    const name = basename(cmd.name);
    let from = -1;
    if (/^pip[\d.]*$/.test(name) || (withPipx && name === 'pipx')) from = 1;
    else if (/^python[\d.]*$/.test(name)) {
      const m = cmd.argv.findIndex((w, i) => i > 0 && w.value === '-m');
      if (m > 0 && cmd.argv[m + 1]?.value === 'pip') from = m + 2;
    }
    if (from < 0) return [];
    const ops = operands(cmd, from, pipValueFlags);
    if (ops[0]?.value !== 'install') return [];
    // A constraints file pins what the command names.
    if (cmd.argv.some((w) => w.value === '-c' || w.value === '--constraint' || w.value?.startsWith('--constraint='))) return [{ cmd, verb: ops[0], packages: [] }];
    return [{ cmd, verb: ops[0], packages: ops.slice(1) }];
  });
}

function installs(run: RunInfo, tools: string[], verbs: string[], valueFlags: string[]): Install[] {
  return commandsNamed(run.script, tools).flatMap((cmd) => {
    const ops = operands(cmd, 1, valueFlags);
    return ops[0]?.value != null && verbs.includes(ops[0].value) ? [{ cmd, verb: ops[0], packages: ops.slice(1) }] : [];
  });
}

/** Git sources float like registry names unless they name a ref; other paths, URLs and archives name an exact artifact. */
const isGit = (v: string) => /^git(\+[a-z]+)?:\/\//i.test(v) || /^git\+/i.test(v);
const isLocalOrUrl = (v: string) => /^(\.|\/|~|[a-z+]+:\/\/|github:|file:)/i.test(v) || /\.(whl|tar|tar\.gz|tgz|zip|gem)$/i.test(v) || (v.includes('/') && !v.includes(':') && !v.startsWith('@'));

function unpinned(install: Install[], pinned: (v: string) => boolean, gitPinned: (v: string) => boolean): Operand[] {
  return install.flatMap((i) => i.packages).filter((p) => p.value !== null && (isGit(p.value) ? !gitPinned(p.value) : !isLocalOrUrl(p.value) && !pinned(p.value)));
}

/** `git+https://host/repo.git@v1.2#egg=x`: a ref after the path (a `user@` before the host does not count). */
const pipGitPinned = (v: string) => v.replace(/^[a-z+]+:\/\/([^/@]*@)?/i, '').split('#')[0].includes('@');

/** Stages where ENV PIP_NO_CACHE_DIR turns the cache off for every pip install. */
function pipCacheOff(doc: Doc): Set<Stage> {
  return memo(doc, 'pip-no-cache-dir', () => {
    const stages = new Set<Stage>();
    for (const stage of doc.stages) {
      // The ENV may come from a stage this one is built on.
      for (let s: Stage | null = stage; s; s = s.parent) {
        const env = inStage(s, 'ENV').flatMap((e) => (e as Env).getProperties());
        if (env.some((p) => p.getName() === 'PIP_NO_CACHE_DIR' && !/^(0|false|off|no)$/i.test(p.getValue() ?? ''))) stages.add(stage);
      }
    }
    return stages;
  });
}

function afterDoubleDash(cmd: ShellCommand, operand: Operand): boolean {
  const dash = cmd.argv.find((w) => w.value === '--');
  return dash !== undefined && operand.word.start > dash.start;
}

/** `--use-system-libraries true`: a true/false right after an unknown long option is its value, not a gem. */
function booleanFlagValue(cmd: ShellCommand, operand: Operand): boolean {
  const index = cmd.argv.findIndex((w) => w.start === operand.word.start);
  const previous = cmd.argv[index - 1]?.value ?? '';
  return /^(true|false)$/i.test(operand.value ?? '') && previous.startsWith('--') && !previous.includes('=');
}

/** `PIP_NO_CACHE_DIR=1 pip ...` or `export PIP_NO_CACHE_DIR=1` in the RUN itself. */
function pipCacheOffInline(doc: Doc, run: RunInfo): boolean {
  const body = doc.text.slice(run.body.start, run.body.end);
  return /(^|[\s;&|(])PIP_NO_CACHE_DIR=(["']?)(1|true|yes|on)\2(?=[\s;&|)]|$)/i.test(body);
}

export const langRules: Rule[] = [
  shellRule('DL3013', 'Pin versions in pip', 'warning', (run, doc) =>
    unpinned(pipInstalls(run), (v) => /(==|>=|<=|~=|!=|<|>|@)/.test(v), pipGitPinned).map((p) => ({
      range: doc.range(p.word.start, p.word.end),
      message: isGit(p.value!) ? l10n.t('Pin `{0}` to a tag or commit (`@<ref>` after the repository).', p.value!) : l10n.t('Pin the version of `{0}` (`pip install {1}==<version>`).', p.value!, p.value!),
    })),
  ),
  shellRule('DL3016', 'Pin versions in npm', 'warning', (run, doc) =>
    unpinned(installs(run, ['npm'], ['install', 'i', 'add'], npmValueFlags), (v) => v.slice(1).includes('@') || v.includes('#'), (v) => v.includes('#')).map((p) => ({
      range: doc.range(p.word.start, p.word.end),
      message: isGit(p.value!) ? l10n.t('Pin `{0}` to a tag or commit (`#<ref>` at the end).', p.value!) : l10n.t('Pin the version of `{0}` (`npm install {1}@<version>`).', p.value!, p.value!),
    })),
  ),
  shellRule('DL3028', 'Pin versions in gem install', 'warning', (run, doc) =>
    installs(run, ['gem'], ['install', 'i'], gemValueFlags)
      .filter((i) => !hasFlag(i.cmd, 'v', ['version']))
      // After `--` come the gem's build options, not gems.
      .map((i) => ({ ...i, packages: i.packages.filter((p) => !afterDoubleDash(i.cmd, p) && !booleanFlagValue(i.cmd, p)) }))
      .flatMap((i) => unpinned([i], (v) => v.includes(':'), () => false))
      .map((p) => ({ range: doc.range(p.word.start, p.word.end), message: l10n.t('Pin the version of `{0}` (`gem install {1}:<version>`).', String(p.value), String(p.value)) })),
  ),
  shellRule('DL3042', 'Avoid the pip cache with pip install --no-cache-dir', 'warning', (run, doc) => {
    if (cacheMounts(run).some((t) => t.includes('.cache/pip'))) return [];
    if (run.stage && pipCacheOff(doc).has(run.stage)) return [];
    if (pipCacheOffInline(doc, run)) return [];
    // pipx keeps no wheel cache worth removing.
    return pipInstalls(run, false)
      .filter(({ cmd }) => !hasFlag(cmd, '', ['no-cache-dir']))
      .map(({ cmd, verb }) => ({
        range: doc.range(cmd.start, verb.word.end),
        message: l10n.t('Use pip install --no-cache-dir: the wheel cache is useless inside an image.'),
        fixes: [fix(l10n.t('Add --no-cache-dir'), edit(doc, verb.word.end, verb.word.end, ' --no-cache-dir'))],
      }));
  }),
  shellRule('DL3060', '`yarn cache clean` missing after `yarn install`', 'info', (run, doc) => {
    const found = commandsNamed(run.script, ['yarn']).filter((c) => {
      const verb = operands(c, 1, ['--cwd', '--cache-folder', '--modules-folder'])[0]?.value;
      return verb === undefined || verb === 'install' || verb === 'add';
    });
    if (found.length === 0 || cacheMounts(run).some((t) => t.includes('yarn'))) return [];
    // A stage no image ships leaves no cache behind; an ONBUILD trigger runs in the images built from this one.
    if (!run.onbuild && !shipped(doc, run.stage)) return [];
    // Only a clean after the (last) install empties the cache that install filled.
    const lastInstall = found[found.length - 1].start;
    const cleaned = commandsNamed(run.script, ['yarn']).some((c) => c.argv[1]?.value === 'cache' && c.argv[2]?.value === 'clean' && c.start > lastInstall);
    if (cleaned) return [];
    return [{ range: doc.range(found[0].start, found[0].end), message: l10n.t('Run `yarn cache clean` in the same RUN after yarn install, or the cache stays in the layer.'), fixes: appendCleanup(doc, run, 'yarn cache clean') }];
  }),
  shellRule('DL3062', 'Pin versions in go install', 'warning', (run, doc) =>
    installs(run, ['go'], ['install', 'get', 'run'], ['-C', '-o', '-p', '-tags', '-ldflags', '-gcflags', '-mod', '-modfile', '-exec', '-overlay', '-pkgdir', '-toolexec', '-asmflags'])
      .flatMap((i) => {
        const tool = i.cmd.argv.some((w) => w.value === '-tool');
        // `@latest` is no pin; a bare name after `go get -tool` floats as well.
        return i.packages.filter((p) => p.value !== null && !/^(\.|\/)/.test(p.value) && !p.value.endsWith('.go') && (!p.value.includes('@') || /@latest$/.test(p.value)) && (p.value.includes('/') || p.value.includes('@') || tool));
      })
      .map((p) => ({ range: doc.range(p.word.start, p.word.end), message: l10n.t('Pin the version of `{0}` (`go install {1}@<version>`).', String(p.value), String(p.value)) })),
  ),
];

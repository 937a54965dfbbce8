/**
 * Shell habits in RUN that hadolint flags regardless of package manager: commands that
 * make no sense in a build (DL3001), cd (DL3003), sudo (DL3004), useradd with a huge UID
 * (DL3046), noisy wget (DL3047), wget and curl together (DL4001), relinking /bin/sh
 * (DL4005) and pipes without pipefail (DL4006).
 */
import * as l10n from '@vscode/l10n';
import type { Finding, Rule } from '../types';
import { basename, commandsNamed, hasFlag, operands, type ShellCommand } from '../../shell/model';
import { edit, fix, memo, rule, shellRule, type Doc, type RunInfo } from './context';

const pointless = ['ssh', 'vim', 'shutdown', 'service', 'ps', 'free', 'top', 'kill', 'mount', 'ifconfig'];

function nameRange(doc: Doc, cmd: ShellCommand) {
  return doc.range(cmd.argv[0].start, cmd.argv[0].end);
}

function named(code: string, title: string, severity: 'error' | 'warning' | 'info', names: string[], message: (cmd: ShellCommand) => string): Rule {
  return shellRule(code, title, severity, (run, doc) => commandsNamed(run.script, names).map((cmd) => ({ range: nameRange(doc, cmd), message: message(cmd) })));
}

/**
 * DL4001: once a stage has used both wget and curl, every use of either from then on is
 * reported (the use that brought in the second tool included); the uses before are fine.
 */
function downloaders(doc: Doc): Finding[] {
  const byStage = new Map<unknown, ShellCommand[]>();
  for (const run of doc.runs) {
    if (!run.posix || !run.script.parsed) continue;
    const uses = byStage.get(run.stage) ?? [];
    uses.push(...commandsNamed(run.script, ['wget', 'curl']));
    byStage.set(run.stage, uses);
  }
  const out: Finding[] = [];
  for (const uses of byStage.values()) {
    const seen = new Set<string>();
    for (const cmd of uses.sort((a, b) => a.start - b.start)) {
      const tool = basename(cmd.name);
      seen.add(tool);
      if (seen.size < 2) continue;
      const other = tool === 'wget' ? 'curl' : 'wget';
      out.push({ range: nameRange(doc, cmd), message: l10n.t('This stage also uses {0}; use one of wget or curl, not both.', other) });
    }
  }
  return out;
}

function pipefailShell(doc: Doc, run: RunInfo): string {
  // BusyBox ash understands pipefail too, and Alpine images have no bash.
  const image = run.stage ? memo(doc, `image:${run.stage.index}`, () => run.stage?.from?.getImageName() ?? '') : '';
  const shell = /alpine|busybox/i.test(image) ? '/bin/ash' : '/bin/bash';
  return `SHELL ["${shell}", "-o", "pipefail", "-c"]`;
}

export const commandRules: Rule[] = [
  named('DL3001', 'Commands that make no sense in a container', 'info', pointless, (cmd) => l10n.t('`{0}` makes no sense in a Docker build: there is no interactive session or running service here.', basename(cmd.name))),
  named('DL3003', 'Use WORKDIR to switch to a directory', 'warning', ['cd'], () => l10n.t('Use WORKDIR instead of cd: it is explicit and applies to every later instruction.')),
  named('DL3004', 'Do not use sudo', 'error', ['sudo'], () => l10n.t('Do not use sudo: RUN already runs as the current USER; switch with USER (or gosu at runtime).')),
  shellRule('DL3046', 'useradd without -l and a high UID', 'warning', (run, doc) =>
    commandsNamed(run.script, ['useradd'])
      .filter((cmd) => !hasFlag(cmd, 'l', ['no-log-init']))
      .filter((cmd) => {
        const values = cmd.argv.map((w) => w.value ?? '');
        const i = values.findIndex((v) => v === '-u' || v === '--uid');
        const uid = i > 0 ? values[i + 1] : (values.find((v) => /^(-u|--uid=)\d/.test(v)) ?? '').replace(/^(-u|--uid=)/, '');
        return /^\d{6,}$/.test(uid ?? '');
      })
      .map((cmd) => ({
        range: nameRange(doc, cmd),
        message: l10n.t('useradd with a high UID and without -l writes a huge sparse /var/log/lastlog into the image; add -l.'),
        fixes: [fix(l10n.t('Add -l'), edit(doc, cmd.argv[0].end, cmd.argv[0].end, ' -l'))],
      })),
  ),
  shellRule('DL3047', 'wget without --progress bloats build logs', 'info', (run, doc) =>
    commandsNamed(run.script, ['wget'])
      .filter((cmd) => !hasFlag(cmd, 'qoa', ['progress', 'quiet', 'no-verbose', 'output-file', 'append-output']) && !cmd.argv.some((w) => w.value === '-nv'))
      .map((cmd) => ({
        range: nameRange(doc, cmd),
        message: l10n.t('wget without --progress (or -q/-nv) fills the build log with a progress bar; add --progress=dot:giga.'),
        fixes: [fix(l10n.t('Add --progress=dot:giga'), edit(doc, cmd.argv[0].end, cmd.argv[0].end, ' --progress=dot:giga'))],
      })),
  ),
  rule('DL4001', 'Either use wget or curl, but not both', 'warning', downloaders),
  shellRule('DL4005', 'Use SHELL to change the default shell', 'warning', (run, doc) =>
    commandsNamed(run.script, ['ln'])
      .filter((cmd) => {
        const ops = operands(cmd, 1, ['-t', '--target-directory', '-S', '--suffix']);
        return ops.length >= 2 && ops[ops.length - 1].value === '/bin/sh';
      })
      .map((cmd) => ({ range: nameRange(doc, cmd), message: l10n.t('Use the SHELL instruction to change the shell RUN uses, rather than relinking /bin/sh.') })),
  ),
  shellRule('DL4006', 'Set the SHELL -o pipefail option before RUN with a pipe', 'warning', (run, doc) => {
    // `-o pipefail` counts only in a shell that has it: plain sh (dash) does not.
    if ((run.shell.includes('pipefail') && !/(^|\/)sh$/.test(run.shell[0] ?? '')) || run.script.exec) return [];
    const pipe = run.script.pipes.find((p) => !p.pipefail);
    if (!pipe) return [];
    const line = run.instruction.getRange().start.line;
    const lineStart = doc.offsetAt({ line, character: 0 });
    const indent = /^[ \t]*/.exec(doc.text.slice(lineStart))?.[0] ?? '';
    const fixes = run.onbuild ? [] : [fix(l10n.t('Add SHELL with -o pipefail before this RUN'), edit(doc, lineStart, lineStart, `${indent}${pipefailShell(doc, run)}\n`))];
    return [{ range: doc.range(pipe.start, pipe.end), message: l10n.t('Without pipefail, this RUN succeeds even when a command before the pipe fails; set SHELL with -o pipefail.'), fixes }];
  }),
];

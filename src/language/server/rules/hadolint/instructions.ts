/**
 * Instruction-level rules that need no shell: WORKDIR (DL3000), USER (DL3002, DL3066),
 * EXPOSE (DL3011), duplicates per stage (DL3012, DL4003, DL4004), exec form for CMD and
 * ENTRYPOINT (DL3025), ENV self-references (DL3044), HEALTHCHECK presence (DL3057),
 * consecutive RUNs (DL3059), secrets in ARG/ENV (DL3064), MAINTAINER (DL4000) and
 * inline ignore pragmas (DL1001).
 */
import * as l10n from '@vscode/l10n';
import type { Arg, Env, Instruction, PropertyInstruction } from 'dockerfile-ast';
import type { Finding, Rule } from '../types';
import { bodyOf, edit, fix, inStage, instructionScript, isAbsolutePath, rawText, rule, stageRange, unquote, type Doc, type Stage } from './context';


/** Every instruction of `keyword` in a stage except the last, which is the one that counts. */
function allButLast(doc: Doc, keyword: string, message: string): Finding[] {
  return doc.stages.flatMap((s) => inStage(s, keyword).slice(0, -1).map((i) => ({ range: i.getInstructionRange(), message })));
}

/** The shell-form body as a JSON array, when it is one plain command with static words and nothing for a shell to do. */
function execFormOf(doc: Doc, instruction: Instruction): string | null {
  const script = instructionScript(doc, instruction);
  if (!script.parsed || script.exec || script.commands.length !== 1 || script.heredoc) return null;
  const [cmd] = script.commands;
  const body = bodyOf(doc, instruction);
  const before = doc.text.slice(body.start, cmd.start);
  const after = doc.text.slice(cmd.end, body.end);
  if (before.trim() !== '' || after.replace(/\\\s*\n/g, '').trim() !== '') return null;
  if (cmd.argv.some((w) => w.value === null || /[*?[~{]/.test(w.raw))) return null;
  return JSON.stringify(cmd.argv.map((w) => w.value)).replace(/","/g, '", "');
}

/** `HEALTHCHECK CMD probe` in shell form: the probe runs under /bin/sh -c too, as hadolint reports. */
function healthcheckShellForm(doc: Doc, instruction: Instruction): Finding[] {
  const body = bodyOf(doc, instruction);
  const cmd = /^cmd[ \t]+(?:\\[ \t]*\r?\n[ \t]*)*(\S)/i.exec(doc.text.slice(body.start, body.end));
  if (!cmd || cmd[1] === '[') return [];
  return [{ range: instruction.getInstructionRange(), message: l10n.t('HEALTHCHECK CMD in shell form runs the probe under /bin/sh -c; use JSON form (`HEALTHCHECK CMD ["probe", "arg"]`).') }];
}

/** Names that look like credentials; build args and ENV end up in the image metadata. */
const secretName = /(passw(or)?d|secret|token|api_?key|private_?key|access_?key|client_?key|credential|auth_?key)/i;
const knownSecretNames = ['DOCKER_PASSWORD', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'GITHUB_TOKEN', 'GH_TOKEN', 'NPM_TOKEN', 'VAULT_TOKEN', 'DOCKER_USERNAME', 'CI_DEPLOY_USER'];

export const instructionRules: Rule[] = [
  rule('DL1001', 'Avoid inline ignore pragmas', 'off', (doc) => {
    // Scanned as text: on the first lines dockerfile-ast reads `# hadolint ignore=...` as a parser directive.
    const pragmas = [...doc.text.matchAll(/^([ \t]*)#[ \t]*hadolint[ \t]+((?:global|stage)[ \t]+)?ignore[ \t]*=[^\r\n]*/gm)];
    if (pragmas.length === 0) return [];
    const inHeredoc = (offset: number) =>
      doc.runs.some((r) => r.script.heredoc && offset > r.body.start && offset < r.body.end) ||
      doc.stages.some((s) => inStage(s, 'COPY').some((c) => { const b = bodyOf(doc, c); return offset > b.start && offset < b.end; }));
    return pragmas
      .filter((m) => !inHeredoc(m.index))
      .map((m) => ({ range: doc.range(m.index + m[1].length, m.index + m[0].length), message: l10n.t('Inline ignore pragmas hide findings from reviewers; prefer fixing the finding or a project-wide setting.') }));
  }),
  rule('DL3000', 'Use absolute WORKDIR', 'error', (doc) =>
    doc.stages.flatMap((stage) => {
      let current: string | null = null;
      const out: Finding[] = [];
      for (const w of inStage(stage, 'WORKDIR')) {
        const arg = w.getArguments()[0];
        if (!arg) continue;
        const path = unquote(arg.getValue());
        if (isAbsolutePath(path) || isAbsolutePath(unquote(rawText(doc, arg.getRange())))) {
          current = path;
          continue;
        }
        // Relative to the previous absolute WORKDIR when there is one, else to /.
        const resolved: string = `${(current ?? '').replace(/\/+$/, '')}/${path.replace(/^\.\//, '')}`;
        out.push({ range: arg.getRange(), message: l10n.t('WORKDIR {0} is relative to whatever the directory was before; write {1}.', path, resolved), fixes: [fix(l10n.t('Use {0}', resolved), { range: arg.getRange(), newText: resolved })] });
        current = resolved;
      }
      return out;
    }),
  ),
  rule('DL3002', 'Last USER should not be root', 'warning', (doc) =>
    doc.stages.flatMap((s) => {
      const last = inStage(s, 'USER').at(-1);
      const user = last?.getArguments()[0]?.getValue().split(':')[0];
      return last && (user === 'root' || user === '0') ? [{ range: last.getRange(), message: l10n.t('The stage ends as root; switch to an unprivileged USER for what runs in the container.') }] : [];
    }),
  ),
  rule('DL3011', 'Valid UNIX ports range from 0 to 65535', 'error', (doc) =>
    doc.stages.flatMap((s) =>
      inStage(s, 'EXPOSE').flatMap((e) =>
        e
          .getArguments()
          .filter((a) => !a.getValue().includes('$'))
          .filter((a) => a.getValue().split('/')[0].split('-').some((p) => !/^\d+$/.test(p) || Number(p) > 65535))
          .map((a) => ({ range: a.getRange(), message: l10n.t('{0} is not a port (0–65535).', a.getValue()) })),
      ),
    ),
  ),
  rule('DL3012', 'Multiple HEALTHCHECK instructions', 'error', (doc) =>
    doc.stages.flatMap((s) => inStage(s, 'HEALTHCHECK').slice(1).map((i) => ({ range: i.getInstructionRange(), message: l10n.t('Only the last HEALTHCHECK of a stage takes effect; keep one.') }))),
  ),
  rule('DL3025', 'Use JSON notation for CMD and ENTRYPOINT arguments', 'warning', (doc) =>
    doc.stages.flatMap((s) =>
      [...inStage(s, 'CMD'), ...inStage(s, 'ENTRYPOINT')]
        .filter((i) => {
          const body = bodyOf(doc, i);
          return body.start < body.end && !body.json;
        })
        .map((i): Finding => {
          const json = execFormOf(doc, i);
          const body = bodyOf(doc, i);
          const fixes = json ? [fix(l10n.t('Use JSON (exec) form'), edit(doc, body.start, body.end, json))] : [];
          return { range: i.getInstructionRange(), message: l10n.t('Shell form runs {0} under /bin/sh -c, so the process is not PID 1 and misses signals; use JSON form.', i.getKeyword()), fixes };
        })
        .concat(inStage(s, 'HEALTHCHECK').flatMap((i) => healthcheckShellForm(doc, i))),
    ),
  ),
  rule('DL3044', 'Do not refer to an ENV variable in the ENV statement that defines it', 'error', (doc) =>
    doc.stages.flatMap((s) => {
      const defined = new Set<string>();
      const out: Finding[] = [];
      for (const i of s.instructions) {
        if (i.getKeyword() === 'ARG') for (const p of (i as Arg).getProperties()) defined.add(p.getName());
        if (i.getKeyword() !== 'ENV') continue;
        const here: string[] = [];
        for (const p of (i as Env).getProperties()) {
          const value = p.getValue() ?? '';
          for (const m of value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
            // Only a name this same ENV sets, and that was not set before, changes meaning.
            if (here.includes(m[1]) && !defined.has(m[1])) out.push({ range: p.getRange(), message: l10n.t('{0} is set in this same ENV, where it does not exist yet; split the ENV.', m[1]) });
          }
          here.push(p.getName());
        }
        here.forEach((n) => defined.add(n));
      }
      return out;
    }),
  ),
  rule('DL3057', 'HEALTHCHECK instruction missing', 'off', (doc) => {
    const last = doc.stages[doc.stages.length - 1];
    if (!last) return [];
    for (let s: Stage | null = last; s; s = s.parent) if (inStage(s, 'HEALTHCHECK').length > 0) return [];
    return [{ range: stageRange(last), message: l10n.t('The final image has no HEALTHCHECK, so the engine cannot tell a hung container from a healthy one.') }];
  }),
  rule('DL3059', 'Multiple consecutive RUN instructions', 'info', (doc) => {
    const all = doc.context.dockerfile.getInstructions();
    const flags = (i: Instruction) => JSON.stringify(bodyOf(doc, i).flags);
    const commandCount = new Map(doc.runs.map((r) => [r.instruction as Instruction, r.script.commands.length]));
    // As hadolint: a RUN that already chains commands was split from its neighbour on purpose.
    const small = (i: Instruction) => (commandCount.get(i) ?? 0) <= 1;
    return all
      .filter((i, n) => n > 0 && i.getKeyword() === 'RUN' && all[n - 1].getKeyword() === 'RUN' && flags(i) === flags(all[n - 1]) && small(i) && small(all[n - 1]))
      .map((i) => ({ range: i.getInstructionRange(), message: l10n.t('This RUN directly follows another; joining them with && saves a layer.') }));
  }),
  rule('DL3064', 'Potentially sensitive data in ARG or ENV', 'warning', (doc) =>
    doc.context.dockerfile
      .getInstructions()
      .filter((i) => i.getKeyword() === 'ARG' || i.getKeyword() === 'ENV')
      .flatMap((i) => (i as PropertyInstruction).getProperties())
      .filter((p) => secretName.test(p.getName()) || knownSecretNames.includes(p.getName().toUpperCase()))
      .map((p) => ({ range: p.getNameRange(), message: l10n.t('{0} looks like a secret; ARG and ENV values are kept in the image history. Use a build secret (RUN --mount=type=secret).', p.getName()) })),
  ),
  rule('DL3066', 'Non-numeric user id may not be resolvable by the host', 'info', (doc) =>
    doc.stages.flatMap((s) =>
      inStage(s, 'USER')
        .filter((u) => {
          const user = u.getArguments()[0]?.getValue().split(':')[0] ?? '';
          return user !== '' && !user.includes('$') && !/^\d+$/.test(user);
        })
        .map((u) => ({ range: u.getArguments()[0].getRange(), message: l10n.t('A user name only resolves inside the image; a numeric UID also means something to the host and to Kubernetes runAsNonRoot.') })),
    ),
  ),
  rule('DL4000', 'MAINTAINER is deprecated', 'error', (doc) =>
    doc.context.dockerfile
      .getInstructions()
      .filter((i) => i.getKeyword() === 'MAINTAINER')
      .map((i) => {
        const who = (i.getArgumentsContent() ?? '').trim().replace(/\\/g, '\\\\').replace(/"/g, '\\"');
        const range = i.getRange();
        return { range: i.getInstructionRange(), message: l10n.t('MAINTAINER is deprecated; use LABEL maintainer="...".'), fixes: [fix(l10n.t('Use LABEL maintainer'), { range, newText: `LABEL maintainer="${who}"` })] };
      }),
  ),
  rule('DL4003', 'Multiple CMD instructions found', 'warning', (doc) => allButLast(doc, 'CMD', l10n.t('Only the last CMD of a stage takes effect; remove this one.'))),
  rule('DL4004', 'Multiple ENTRYPOINT instructions found', 'error', (doc) => allButLast(doc, 'ENTRYPOINT', l10n.t('Only the last ENTRYPOINT of a stage takes effect; remove this one.'))),
];


/** BuildKit checks about ARG and ENV: declarations, uses, formats and secrets. */
import * as l10n from '@vscode/l10n';
import type { Instruction, Property } from 'dockerfile-ast';
import type { Finding, Rule } from '../types';
import { stagesOf, findStage, type Stage } from '../../features/stages';
import { declaredNames, didYouMean, globalArgs, lineStartsOf, platformArgs, proxyArgs, textOf } from './util';
import { isBare, variableUses } from './variables';

export const undefinedArgInFrom: Rule = {
  code: 'UndefinedArgInFrom', source: 'buildkit', title: 'FROM uses an ARG that is not declared before the first FROM', defaultSeverity: 'warning',
  check(context) {
    const globals = globalArgs(context.dockerfile);
    const known = [...globals.keys(), ...platformArgs];
    const findings: Finding[] = [];
    for (const stage of stagesOf(context.dockerfile)) {
      for (const variable of variableUses(stage.from, context.dockerfile.getEscapeCharacter())) {
        const name = variable.name;
        if (!name || known.includes(name) || !isBare(variable)) continue;
        const suggestion = didYouMean(name, known);
        findings.push({
          range: variable.nameRange,
          message: suggestion ? l10n.t("FROM argument '{0}' is not declared (did you mean {1}?)", name, suggestion) : l10n.t("FROM argument '{0}' is not declared", name),
          fixes: suggestion ? [{ title: l10n.t('Change to \'{0}\'', suggestion), edits: [{ range: variable.nameRange, newText: suggestion }] }] : [],
        });
      }
    }
    return findings;
  },
};

/** Substitutes `$X`, `${X}`, `${X:-d}`, `${X:+d}` with the global ARG defaults. */
function expand(value: string, args: Map<string, string | null>): string {
  return value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_match, braced: string | undefined, colon: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const declared = args.get(name);
    const current = declared ?? '';
    // As in the shell: with a colon an empty value counts as unset, without one only a missing value does.
    const unset = colon ? current === '' : declared === null || declared === undefined;
    if (op === '-') return unset ? word ?? '' : current;
    if (op === '+') return unset ? '' : word ?? '';
    return current;
  });
}

// A reference: [registry[:port]/]path[:tag][@digest], lowercase path components. Linear: no nested quantifiers.
const component = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const referencePattern = new RegExp(`^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?${component}(?:/${component})*(?::[\\w][\\w.-]{0,127})?(?:@[a-z0-9]+:[a-fA-F0-9]{32,})?$`);

export function isValidReference(ref: string): boolean {
  return ref.length > 0 && ref.length < 512 && referencePattern.test(ref);
}

export const invalidDefaultArgInFrom: Rule = {
  code: 'InvalidDefaultArgInFrom', source: 'buildkit', title: "An ARG's default leaves FROM with an invalid image", defaultSeverity: 'warning',
  check(context) {
    const globals = globalArgs(context.dockerfile);
    const findings: Finding[] = [];
    const stageNames = new Set(stagesOf(context.dockerfile).map((stage) => stage.name?.toLowerCase()));
    for (const stage of stagesOf(context.dockerfile)) {
      const image = stage.from.getImage();
      const range = stage.from.getImageRange();
      if (!image || !range || !image.includes('$')) continue;
      const names = variableUses(stage.from, context.dockerfile.getEscapeCharacter()).map((variable) => variable.name);
      // Undeclared names are UndefinedArgInFrom's business; platform ARGs get their values
      // at build time (a variant may be empty), so a line using them is not judged here.
      if (names.some((name) => !globals.has(name))) continue;
      const expanded = expand(image, globals);
      if (stageNames.has(expanded.toLowerCase()) || isValidReference(expanded)) continue;
      const culprits = names.filter((name) => globals.has(name)).join(', ');
      findings.push({ range, message: l10n.t('Default value for ARG {0} results in empty or invalid base image name', culprits) });
    }
    return findings;
  },
};

/** Env names base images commonly set: without the image's config we cannot know them. */
const commonImageEnv = new Set([
  'PATH', 'HOME', 'HOSTNAME', 'TERM', 'LANG', 'LANGUAGE', 'LC_ALL', 'USER', 'SHELL', 'PWD', 'TZ', 'DEBIAN_FRONTEND', 'GOPATH', 'GOROOT',
  'GOLANG_VERSION', 'GOTOOLCHAIN', 'JAVA_HOME', 'JAVA_VERSION', 'NODE_VERSION', 'YARN_VERSION', 'PYTHON_VERSION', 'PYTHON_SHA256',
  'PIP_VERSION', 'RUBY_VERSION', 'GEM_HOME', 'BUNDLE_APP_CONFIG', 'RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION', 'PHP_VERSION', 'PHP_INI_DIR',
  'NGINX_VERSION', 'MAVEN_HOME', 'GRADLE_HOME', 'DOTNET_VERSION', 'ASPNET_VERSION', 'APP_UID', 'NVIDIA_VISIBLE_DEVICES', 'CUDA_VERSION',
  'LD_LIBRARY_PATH', 'SSL_CERT_FILE', 'VIRTUAL_ENV', 'CONDA_DIR', 'GPG_KEY', 'PYTHONUNBUFFERED', 'PYTHONDONTWRITEBYTECODE',
]);
/** Instructions BuildKit expands itself; RUN, CMD and friends are the shell's business. */
const expanded = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'ARG']);

function envOf(stage: Stage, stages: Stage[], memo: Map<Stage, Set<string>>): Set<string> {
  const cached = memo.get(stage);
  if (cached) return cached;
  memo.set(stage, new Set());
  const parent = stage.from.getImage() ? findStage(stages, stage.from.getImage() as string, stage.index) : undefined;
  const env = new Set(parent ? envOf(parent, stages, memo) : []);
  // A stage built on another sees what that one declared, ARGs as well as ENVs (BuildKit's lint does).
  for (const instruction of stage.instructions) if (instruction.getKeyword() === 'ENV' || instruction.getKeyword() === 'ARG') for (const name of declaredNames(instruction)) env.add(name);
  memo.set(stage, env);
  return env;
}

export const undefinedVar: Rule = {
  code: 'UndefinedVar', source: 'buildkit', title: 'Variable used but never defined', defaultSeverity: 'warning',
  check(context) {
    const stages = stagesOf(context.dockerfile);
    const globals = globalArgs(context.dockerfile);
    const memo = new Map<Stage, Set<string>>();
    const findings: Finding[] = [];
    for (const stage of stages) {
      const image = stage.from.getImage() ?? '';
      const parent = findStage(stages, image, stage.index);
      const inherited = parent ? envOf(parent, stages, memo) : new Set<string>();
      // From an external image we cannot see its environment: trust the usual names.
      const external = !parent && image.toLowerCase() !== 'scratch';
      const scope = new Set<string>([...inherited, ...proxyArgs]);
      for (const instruction of stage.instructions.slice(1)) {
        if (expanded.has(instruction.getKeyword())) findings.push(...undefinedIn(instruction, context.dockerfile.getEscapeCharacter(), scope, external, globals));
        for (const name of declaredNames(instruction)) scope.add(name);
      }
    }
    return findings;
  },
};

function undefinedIn(instruction: Instruction, escapeChar: string, scope: Set<string>, external: boolean, globals: Map<string, string | null>): Finding[] {
  const findings: Finding[] = [];
  for (const variable of variableUses(instruction, escapeChar)) {
    const name = variable.name;
    if (!name || scope.has(name) || !isBare(variable) || (external && commonImageEnv.has(name))) continue;
    const range = variable.nameRange;
    if (globals.has(name)) {
      findings.push({ range, message: l10n.t("Usage of undefined variable '{0}': it is declared before the first FROM; redeclare it with 'ARG {1}' in this stage", `$${name}`, name) });
      continue;
    }
    const suggestion = didYouMean(name, scope);
    findings.push({
      range,
      message: suggestion ? l10n.t("Usage of undefined variable '{0}' (did you mean {1}?)", `$${name}`, `$${suggestion}`) : l10n.t("Usage of undefined variable '{0}'", `$${name}`),
      fixes: suggestion ? [{ title: l10n.t("Change to '{0}'", `$${suggestion}`), edits: [{ range, newText: suggestion }] }] : [],
    });
  }
  return findings;
}

const secretWords = new Set(['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'passwd', 'pword', 'secret', 'secrets', 'token']);

const allowedWords = new Set(['public', 'file', 'version']);

/** Splits `AWS_SECRET_ACCESS_KEY`, `apiKey`, `db-password` into lowercase words. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

export const secretsUsedInArgOrEnv: Rule = {
  code: 'SecretsUsedInArgOrEnv', source: 'buildkit', title: 'Secrets should not be passed through ARG or ENV', defaultSeverity: 'warning',
  check(context) {
    const findings: Finding[] = [];
    for (const instruction of context.dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'ARG' && keyword !== 'ENV') continue;
      for (const property of (instruction as unknown as { getProperties(): Property[] }).getProperties()) {
        const words = nameWords(property.getName());
        // BuildKit's exceptions: public keys, files holding the secret, version numbers.
        if (words.some((word) => allowedWords.has(word)) || !words.some((word) => secretWords.has(word))) continue;
        findings.push({ range: property.getNameRange(), message: l10n.t('Do not use ARG or ENV instructions for sensitive data ({0} "{1}"); use a secret mount', keyword, property.getName()) });
      }
    }
    return findings;
  },
};

function quote(value: string): string {
  if (/^"[^"]*"$/.test(value) || /^'[^']*'$/.test(value) || !/[\s"'\\]/.test(value)) return value;
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

export const legacyKeyValueFormat: Rule = {
  code: 'LegacyKeyValueFormat', source: 'buildkit', title: 'Use `key=value` in ENV and LABEL', defaultSeverity: 'warning',
  check(context) {
    const starts = lineStartsOf(context.text);
    const findings: Finding[] = [];
    for (const instruction of context.dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'ENV' && keyword !== 'LABEL') continue;
      const properties = (instruction as unknown as { getProperties(): Property[] }).getProperties();
      if (properties.length !== 1 || properties[0].getAssignmentOperator() !== null || properties[0].getValue() === null) continue;
      const range = instruction.getArgumentsRange();
      const finding: Finding = { range: instruction.getRange(), message: l10n.t('"{0} key=value" should be used instead of legacy "{1} key value" format', keyword, keyword) };
      if (range && range.start.line === range.end.line) {
        const raw = textOf(context.text, starts, range);
        const match = /^(\S+)\s+(.*?)\s*$/.exec(raw);
        if (match) finding.fixes = [{ title: l10n.t('Use {0} {1}=…', keyword, match[1]), edits: [{ range, newText: `${match[1]}=${quote(match[2])}` }] }];
      }
      findings.push(finding);
    }
    return findings;
  },
};

export const argRules: Rule[] = [undefinedArgInFrom, invalidDefaultArgInFrom, undefinedVar, secretsUsedInArgOrEnv, legacyKeyValueFormat];

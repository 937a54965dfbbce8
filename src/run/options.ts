/**
 * What `docker run` takes, as the strings a person types (and a `berth-run` task
 * stores in tasks.json), with one validator per field and one pure mapping to the
 * engine's create options. Validators return undefined or one sentence.
 */
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { type CreateContainerOptions, type PortSpec, type RestartPolicy, validate } from '../engine';

const { parseExposeSpec, parseMemory, parsePortSpec, validateBind, validateCpuShares, validateContainerName, validateEnvLine, validateExtraHost, validateImageReference, validateIp } = validate;

export interface RunOptions {
  image: string;
  name?: string;
  /** The command, split like a shell would split words (quotes honoured, nothing expanded). */
  command?: string;
  entrypoint?: string;
  /** Detached (the default) or interactive (-it: a TTY attached in the task terminal). */
  interactive?: boolean;
  /** -p specs: "8080:80", "127.0.0.1:8080:80/udp". */
  ports?: string[];
  /** -v specs: "/host/path:/container/path[:ro]" or "volume:/container/path". */
  volumes?: string[];
  /** -e "KEY=value" (or "KEY" to pass the variable through). */
  env?: string[];
  envFiles?: string[];
  workdir?: string;
  user?: string;
  /** no, always, unless-stopped, on-failure[:N]. */
  restart?: string;
  network?: string;
  /** -m: "512m", "1g". */
  memory?: string;
  /** --cpus: "0.5". */
  cpus?: string;
  /** --cpu-shares: a relative weight, "512". */
  cpuShares?: string;
  /** --expose: container ports exposed without publishing, "8080", "53/udp". */
  expose?: string[];
  readOnly?: boolean;
  hostname?: string;
  dns?: string[];
  /** --add-host "name:ip". */
  addHosts?: string[];
  /** --label "key=value". */
  labels?: string[];
  autoRemove?: boolean;
}

export type Check = string | undefined;

export function checkImage(value: string): Check {
  return value.trim() ? validateImageReference(value.trim()) : l10n.t('The image to run is empty.');
}

export function checkName(value: string): Check {
  return value.trim() ? validateContainerName(value.trim()) : undefined;
}

export function checkPort(spec: string): Check {
  const parsed = parsePortSpec(spec);
  if (parsed.ok) return undefined;
  // One sentence: the parser's sentence becomes the clause after the colon.
  const why = parsed.error.replace(/\.$/, '');
  return l10n.t('Bad port spec "{0}": {1} (write [ip:][hostPort:]containerPort[/tcp|udp], e.g. 8080:80).', spec, `${why[0].toLowerCase()}${why.slice(1)}`);
}

/** -v: an absolute host path or a volume name, then an absolute container path, then options. */
export function checkVolume(spec: string): Check {
  return validateBind(spec);
}

export function checkEnv(line: string): Check {
  return validateEnvLine(line);
}

export function checkAbsolutePath(value: string, what: string): Check {
  if (!value.trim() || value.trim().startsWith('/')) return undefined;
  return what === 'working directory' ? l10n.t('The working directory "{0}" must be an absolute path (start with /).', value) : l10n.t('The {0} "{1}" must be an absolute path (start with /).', what, value);
}

export function checkUser(value: string): Check {
  return !value.trim() ? undefined : validate.validateExecUser(value);
}

export function parseRestart(value: string): { ok: true; value: RestartPolicy | undefined } | { ok: false; error: string } {
  const text = value.trim();
  if (!text) return { ok: true, value: undefined };
  const match = /^(no|always|unless-stopped|on-failure)(?::(\d+))?$/.exec(text);
  if (!match) return { ok: false, error: l10n.t('"{0}" is not a restart policy (no, always, unless-stopped or on-failure[:max-retries]).', text) };
  if (match[2] !== undefined && match[1] !== 'on-failure') return { ok: false, error: l10n.t('Only on-failure takes a maximum retry count.') };
  return { ok: true, value: { name: match[1] as RestartPolicy['name'], maximumRetryCount: match[2] !== undefined ? Number(match[2]) : undefined } };
}

export function checkRestart(value: string): Check {
  const parsed = parseRestart(value);
  return parsed.ok ? undefined : parsed.error;
}

/** The engine refuses --rm with a restart policy: a container removed when it stops can never be restarted. */
export function checkAutoRemoveRestart(autoRemove: boolean | undefined, restart: string | undefined): Check {
  const policy = parseRestart(restart ?? '');
  if (!autoRemove || !policy.ok || !policy.value || policy.value.name === 'no') return undefined;
  return l10n.t('"Remove when stopped" (--rm) cannot go with the restart policy "{0}": a container removed when it stops is never restarted; choose one of the two.', restart ?? '');
}

export function checkMemory(value: string): Check {
  if (!value.trim()) return undefined;
  const parsed = parseMemory(value);
  if (!parsed.ok) return parsed.error;
  return parsed.value < 6 * 1024 * 1024 ? l10n.t('The memory limit must be at least 6m.') : undefined;
}

export function checkCpus(value: string): Check {
  if (!value.trim()) return undefined;
  return /^\d+(\.\d+)?$/.test(value.trim()) && Number(value) > 0 ? undefined : l10n.t('"{0}" is not a number of CPUs (e.g. 0.5 or 2).', value);
}

export function checkCpuShares(value: string): Check {
  return value.trim() ? validateCpuShares(value) : undefined;
}

export function checkExpose(spec: string): Check {
  const parsed = parseExposeSpec(spec);
  return parsed.ok ? undefined : parsed.error;
}

export function checkHostname(value: string): Check {
  return !value.trim() || /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(value.trim())
    ? undefined : l10n.t('"{0}" is not a host name (letters, digits and -, dot-separated).', value);
}

export function checkDns(value: string): Check {
  return validateIp(value.trim());
}

export function checkAddHost(value: string): Check {
  return validateExtraHost(value.trim());
}

export function checkLabel(value: string): Check {
  const key = value.split('=', 1)[0].trim();
  return key ? undefined : l10n.t('"{0}" has no label key before "=".', value);
}

/** Networks every engine has, plus container:<name>; anything else must exist. */
export function checkNetwork(value: string, known: string[]): Check {
  const name = value.trim();
  if (!name || ['bridge', 'host', 'none', 'default'].includes(name) || /^container:.+/.test(name) || known.includes(name)) return undefined;
  return l10n.t('There is no network "{0}" on this engine (it has {1}).', name, [...new Set(['bridge', 'host', 'none', ...known])].join(', '));
}

/** Splits a list field typed in one box: items separated by commas (or new lines). */
export function splitList(value: string): string[] {
  return value.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
}

/** Checks every item of a list field; the first problem wins. */
export function checkList(value: string, check: (item: string) => Check): Check {
  for (const item of splitList(value)) {
    const problem = check(item);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Splits a command line into words the way a POSIX shell splits them (single and
 * double quotes, backslash escapes) without expanding anything: the result is argv.
 */
export function splitWords(text: string): { ok: true; value: string[] } | { ok: false; error: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { ok: false, error: quote === '"' ? l10n.t('The double quote is not closed.') : l10n.t('The single quote is not closed.') };
  if (inWord) words.push(word);
  return { ok: true, value: words };
}

export function checkCommand(value: string): Check {
  const parsed = splitWords(value);
  return parsed.ok ? undefined : parsed.error;
}

/** Every problem of a whole RunOptions (a saved task is checked the same way as the form). */
export function checkRunOptions(options: RunOptions, knownNetworks?: string[]): string[] {
  const problems: (string | undefined)[] = [
    checkImage(options.image ?? ''),
    checkName(options.name ?? ''),
    checkCommand(options.command ?? ''),
    checkCommand(options.entrypoint ?? ''),
    ...(options.ports ?? []).map(checkPort),
    ...(options.volumes ?? []).map(checkVolume),
    ...(options.env ?? []).map(checkEnv),
    checkAbsolutePath(options.workdir ?? '', 'working directory'),
    checkUser(options.user ?? ''),
    checkRestart(options.restart ?? ''),
    checkAutoRemoveRestart(options.autoRemove, options.restart),
    knownNetworks ? checkNetwork(options.network ?? '', knownNetworks) : undefined,
    checkMemory(options.memory ?? ''),
    checkCpus(options.cpus ?? ''),
    checkCpuShares(options.cpuShares ?? ''),
    ...(options.expose ?? []).map(checkExpose),
    checkHostname(options.hostname ?? ''),
    ...(options.dns ?? []).map(checkDns),
    ...(options.addHosts ?? []).map(checkAddHost),
    ...(options.labels ?? []).map(checkLabel),
  ];
  return problems.filter((p): p is string => p !== undefined);
}

/**
 * The engine's create options. Relative env-file paths (in a saved task) resolve
 * against `baseDir`; relative bind sources are refused by checkVolume before this.
 */
export function toCreateOptions(options: RunOptions, baseDir?: string): CreateContainerOptions {
  const problems = checkRunOptions(options);
  if (problems.length > 0) throw new Error(problems[0]);
  const words = (text: string | undefined): string[] | undefined => {
    if (!text?.trim()) return undefined;
    const parsed = splitWords(text);
    return parsed.ok ? parsed.value : undefined;
  };
  const ports: PortSpec[] = (options.ports ?? []).flatMap((spec) => {
    const parsed = parsePortSpec(spec);
    return parsed.ok ? parsed.value : [];
  });
  const expose = (options.expose ?? []).flatMap((spec) => {
    const parsed = parseExposeSpec(spec);
    return parsed.ok ? parsed.value : [];
  });
  const restart = parseRestart(options.restart ?? '');
  const memory = options.memory?.trim() ? parseMemory(options.memory) : undefined;
  const labels: Record<string, string> = {};
  for (const label of options.labels ?? []) {
    const eq = label.indexOf('=');
    labels[(eq >= 0 ? label.slice(0, eq) : label).trim()] = eq >= 0 ? label.slice(eq + 1) : '';
  }
  const interactive = options.interactive ?? false;
  return {
    image: options.image.trim(),
    name: options.name?.trim() || undefined,
    cmd: words(options.command),
    entrypoint: words(options.entrypoint),
    env: options.env?.length ? options.env : undefined,
    envFiles: options.envFiles?.length ? options.envFiles.map((f) => (baseDir && !path.isAbsolute(f) ? path.resolve(baseDir, f) : f)) : undefined,
    ports: ports.length > 0 ? ports : undefined,
    expose: expose.length > 0 ? expose : undefined,
    binds: options.volumes?.length ? options.volumes : undefined,
    workdir: options.workdir?.trim() || undefined,
    user: options.user?.trim() || undefined,
    restart: restart.ok ? restart.value : undefined,
    network: options.network?.trim() || undefined,
    memory: memory?.ok ? memory.value : undefined,
    cpus: options.cpus?.trim() ? Number(options.cpus) : undefined,
    cpuShares: options.cpuShares?.trim() ? Number(options.cpuShares) : undefined,
    readOnly: options.readOnly || undefined,
    hostname: options.hostname?.trim() || undefined,
    dns: options.dns?.length ? options.dns : undefined,
    extraHosts: options.addHosts?.length ? options.addHosts : undefined,
    labels: Object.keys(labels).length > 0 ? labels : undefined,
    autoRemove: options.autoRemove || undefined,
    tty: interactive,
    openStdin: interactive,
  };
}

/** The `docker run` line these options stand for, for the task's first line and the log (no secrets: env values are shown, so callers show it only to the person who typed them). */
export function describeRun(options: RunOptions): string {
  const flags: string[] = [];
  if (options.interactive) flags.push('-it');
  else flags.push('-d');
  if (options.name) flags.push(`--name ${options.name}`);
  for (const p of options.ports ?? []) flags.push(`-p ${p}`);
  for (const p of options.expose ?? []) flags.push(`--expose ${p}`);
  for (const v of options.volumes ?? []) flags.push(`-v ${v}`);
  for (const e of options.env ?? []) flags.push(`-e ${e.split('=', 1)[0]}=…`);
  for (const f of options.envFiles ?? []) flags.push(`--env-file ${f}`);
  if (options.workdir) flags.push(`-w ${options.workdir}`);
  if (options.user) flags.push(`-u ${options.user}`);
  if (options.restart) flags.push(`--restart ${options.restart}`);
  if (options.network) flags.push(`--network ${options.network}`);
  if (options.memory) flags.push(`-m ${options.memory}`);
  if (options.cpus) flags.push(`--cpus ${options.cpus}`);
  if (options.cpuShares) flags.push(`--cpu-shares ${options.cpuShares}`);
  if (options.readOnly) flags.push('--read-only');
  if (options.hostname) flags.push(`--hostname ${options.hostname}`);
  for (const d of options.dns ?? []) flags.push(`--dns ${d}`);
  for (const h of options.addHosts ?? []) flags.push(`--add-host ${h}`);
  for (const l of options.labels ?? []) flags.push(`--label ${l}`);
  if (options.autoRemove) flags.push('--rm');
  if (options.entrypoint) flags.push(`--entrypoint ${options.entrypoint}`);
  return `docker run ${flags.join(' ')} ${options.image}${options.command ? ` ${options.command}` : ''}`;
}

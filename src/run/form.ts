/**
 * The Run/Create form: a multi-step quick input. The first step lists every field
 * with its current value and the actions (Run, Create, Save as Task); choosing a
 * field opens its input box, validated as the person types, then returns to the
 * list. Every question goes through the Prompter, so tests answer it ahead of time.
 */
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { validate } from '../engine';
import type { PickItem, Prompter, Validator } from '../ui/prompt';
import {
  checkAbsolutePath, checkAddHost, checkAutoRemoveRestart, checkCommand, checkCpuShares, checkCpus, checkDns, checkEnv, checkExpose, checkHostname, checkLabel, checkList, checkMemory,
  checkName, checkNetwork, checkPort, checkRestart, checkUser, checkVolume, RunOptions, splitList,
} from './options';

export type FormAction = 'run' | 'create' | 'saveTask';

export interface FormDeps {
  prompts: Prompter;
  /** Networks on the engine, for the network field's choices and its check. */
  networks: () => Promise<string[]>;
  /** Where the folder picker starts (the workspace folder). */
  defaultFolder?: string;
  pickFolder: (title: string) => Promise<string | undefined>;
}

type ListKey = 'ports' | 'expose' | 'volumes' | 'env' | 'envFiles' | 'dns' | 'addHosts' | 'labels';
type TextKey = 'name' | 'command' | 'entrypoint' | 'workdir' | 'user' | 'memory' | 'cpus' | 'cpuShares' | 'hostname';
type FlagKey = 'interactive' | 'readOnly' | 'autoRemove';

interface TextField { kind: 'text'; key: TextKey; label: string; prompt: string; placeholder?: string; check: Validator }
interface ListField { kind: 'list'; key: ListKey; label: string; prompt: string; placeholder?: string; check: (item: string) => string | undefined }
interface FlagField { kind: 'flag'; key: FlagKey; label: string; on: string; off: string }
interface ChoiceField { kind: 'restart' | 'network'; label: string }
type Field = TextField | ListField | FlagField | ChoiceField;

/** The form's fields, worded when the form opens (in the display language). */
const fields = (): Field[] => [
  { kind: 'text', key: 'name', label: l10n.t('Name'), prompt: l10n.t('Container name (--name); empty lets the engine pick one'), check: checkName },
  { kind: 'text', key: 'command', label: l10n.t('Command'), prompt: l10n.t('Command and arguments, overriding the image\'s CMD (quotes group words)'), placeholder: 'httpd -f -p 80', check: checkCommand },
  { kind: 'text', key: 'entrypoint', label: l10n.t('Entrypoint'), prompt: l10n.t('Entrypoint override (--entrypoint)'), check: checkCommand },
  { kind: 'flag', key: 'interactive', label: l10n.t('Mode'), on: l10n.t('interactive (-it), attached in the terminal'), off: l10n.t('detached (-d)') },
  { kind: 'list', key: 'ports', label: l10n.t('Ports'), prompt: l10n.t('-p host:container[/proto], comma-separated'), placeholder: '8080:80, 127.0.0.1:5353:53/udp', check: checkPort },
  { kind: 'list', key: 'expose', label: l10n.t('Exposed ports'), prompt: l10n.t('--expose containerPort[/proto], without publishing on the host, comma-separated'), placeholder: '8080, 53/udp', check: checkExpose },
  { kind: 'list', key: 'volumes', label: l10n.t('Volumes'), prompt: l10n.t('-v /absolute/host/path:/container/path[:ro] or volume:/path, comma-separated'), check: checkVolume },
  { kind: 'list', key: 'env', label: l10n.t('Environment'), prompt: l10n.t('-e KEY=value, comma-separated'), placeholder: 'MODE=dev, DEBUG=1', check: checkEnv },
  { kind: 'list', key: 'envFiles', label: l10n.t('Env files'), prompt: l10n.t('--env-file paths (relative ones start at the workspace folder), comma-separated'), check: () => undefined },
  { kind: 'text', key: 'workdir', label: l10n.t('Working directory'), prompt: l10n.t('-w: an absolute path inside the container'), check: (value) => checkAbsolutePath(value, 'working directory') },
  { kind: 'text', key: 'user', label: l10n.t('User'), prompt: l10n.t('-u user[:group], names or numbers'), check: checkUser },
  { kind: 'restart', label: l10n.t('Restart policy') },
  { kind: 'network', label: l10n.t('Network') },
  { kind: 'text', key: 'memory', label: l10n.t('Memory limit'), prompt: l10n.t('-m, e.g. 512m or 1g'), check: checkMemory },
  { kind: 'text', key: 'cpus', label: l10n.t('CPUs'), prompt: l10n.t('--cpus, e.g. 0.5 or 2'), check: checkCpus },
  { kind: 'text', key: 'cpuShares', label: l10n.t('CPU shares'), prompt: l10n.t('--cpu-shares: relative weight under contention (1024 is the default)'), placeholder: '512', check: checkCpuShares },
  { kind: 'flag', key: 'readOnly', label: l10n.t('Read-only root'), on: l10n.t('yes (--read-only)'), off: l10n.t('no') },
  { kind: 'text', key: 'hostname', label: l10n.t('Hostname'), prompt: '--hostname', check: checkHostname },
  { kind: 'list', key: 'dns', label: l10n.t('DNS servers'), prompt: l10n.t('--dns IP addresses, comma-separated'), check: checkDns },
  { kind: 'list', key: 'addHosts', label: l10n.t('Extra hosts'), prompt: l10n.t('--add-host name:ip, comma-separated'), placeholder: 'db.local:10.0.0.5', check: checkAddHost },
  { kind: 'list', key: 'labels', label: l10n.t('Labels'), prompt: l10n.t('--label key=value, comma-separated'), check: checkLabel },
  { kind: 'flag', key: 'autoRemove', label: l10n.t('Remove when stopped'), on: l10n.t('yes (--rm)'), off: l10n.t('no') },
];

function valueOf(field: Field, options: RunOptions): string {
  switch (field.kind) {
    case 'text': return options[field.key] ?? '';
    case 'list': return (options[field.key] ?? []).join(', ');
    case 'flag': return options[field.key] ? field.on : field.off;
    case 'restart': return options.restart ?? '';
    case 'network': return options.network ?? '';
  }
}

type Choice = { action: FormAction } | { field: Field };

/** Shows the form until an action is chosen (resolves with it) or the form is dismissed (undefined). */
export async function runForm(initial: RunOptions, deps: FormDeps, mode: 'run' | 'create'): Promise<{ action: FormAction; options: RunOptions } | undefined> {
  const options: RunOptions = { ...initial };
  const title = mode === 'run' ? l10n.t('Run {0}', options.image) : l10n.t('Create {0}', options.image);
  const [run, create] = [`$(play) ${l10n.t('Run')}`, `$(add) ${l10n.t('Create')}`];
  const formFields = fields();
  let refusal: string | undefined;
  for (;;) {
    const actions: PickItem<Choice>[] = [
      { label: mode === 'run' ? run : create, description: l10n.t('with these options'), value: { action: mode } },
      { label: mode === 'run' ? create : run, description: mode === 'run' ? l10n.t('without starting') : l10n.t('create and start'), value: { action: mode === 'run' ? 'create' : 'run' } },
      { label: `$(save) ${l10n.t('Save as Task')}`, description: l10n.t('write a berth-run task to tasks.json'), value: { action: 'saveTask' } },
    ];
    const items = [...actions, ...formFields.map((field): PickItem<Choice> => ({ label: field.label, description: valueOf(field, options) || '—', value: { field } }))];
    // A choice the form refused is said where the next choice is made, in the form's own words.
    const choice = await deps.prompts.pick(items, { title, placeholder: refusal ?? l10n.t('Choose a field to change, or an action') });
    if (!choice) return undefined;
    if ('action' in choice) return { action: choice.action, options };
    refusal = await editField(choice.field, options, deps, title);
  }
}

/** Changes one field; returns the sentence it was refused with, when it was. */
async function editField(field: Field, options: RunOptions, deps: FormDeps, title: string): Promise<string | undefined> {
  switch (field.kind) {
    case 'flag': {
      const refused = field.key === 'autoRemove' && checkAutoRemoveRestart(!options.autoRemove, options.restart);
      if (refused) return refused;
      options[field.key] = !options[field.key];
      return;
    }
    case 'text': {
      const value = await deps.prompts.input({ title: l10n.t('{0}: {1}', title, field.label), prompt: field.prompt, placeholder: field.placeholder, value: options[field.key] ?? '', validate: field.check });
      if (value !== undefined) options[field.key] = value.trim() || undefined;
      return;
    }
    case 'list': {
      let current = options[field.key] ?? [];
      if (field.key === 'volumes') {
        const how = await deps.prompts.pick([
          { label: `$(folder) ${l10n.t('Bind a Folder…')}`, description: l10n.t('pick a host folder, then the container path'), value: 'folder' },
          { label: `$(edit) ${l10n.t('Edit as Text')}`, description: valueOf(field, options) || '—', value: 'text' },
        ], { title: l10n.t('{0}: {1}', title, field.label) });
        if (!how) return;
        if (how === 'folder') {
          const folder = await deps.pickFolder(l10n.t('Host folder to bind'));
          if (!folder) return;
          const target = await deps.prompts.input({
            title: l10n.t('{0}: container path for {1}', title, path.basename(folder)), prompt: l10n.t('Absolute path inside the container, optionally followed by :ro'), value: `/${path.basename(folder)}`,
            validate: (value) => checkVolume(`${folder}:${value}`),
          });
          if (target !== undefined) options.volumes = [...current, `${folder}:${target.trim()}`];
          return;
        }
        current = options.volumes ?? [];
      }
      const value = await deps.prompts.input({ title: l10n.t('{0}: {1}', title, field.label), prompt: field.prompt, placeholder: field.placeholder, value: current.join(', '), validate: (text) => checkList(text, field.check) });
      if (value !== undefined) {
        const list = splitList(value);
        options[field.key] = list.length > 0 ? list : undefined;
      }
      return;
    }
    case 'restart': {
      const picked = await deps.prompts.pick(['no', 'always', 'unless-stopped', 'on-failure', 'on-failure:N…'].map((label) => ({
        label, value: label, description: label !== 'no' && options.autoRemove ? l10n.t('not with "Remove when stopped" (--rm)') : undefined,
      })), { title: l10n.t('{0}: {1}', title, field.label) });
      if (picked === undefined) return;
      let restart: string | undefined = picked === 'no' ? undefined : picked;
      if (picked === 'on-failure:N…') {
        const value = await deps.prompts.input({ title: l10n.t('{0}: {1}', title, field.label), prompt: 'on-failure:max-retries', value: 'on-failure:3', validate: (text) => checkRestart(text) ?? checkAutoRemoveRestart(options.autoRemove, text) });
        if (value === undefined) return;
        restart = value.trim() || undefined;
      }
      const refused = checkAutoRemoveRestart(options.autoRemove, restart);
      if (refused) return refused;
      options.restart = restart;
      return;
    }
    case 'network': {
      const known = await deps.networks().catch(() => []);
      const names = [...new Set(['bridge', 'host', 'none', ...known])];
      const picked = await deps.prompts.pick([
        { label: l10n.t('(default)'), description: l10n.t('the engine\'s default bridge'), value: '' },
        ...names.map((name) => ({ label: name, value: name })),
        { label: `$(edit) ${l10n.t('Other…')}`, description: l10n.t('type a name, or container:<name>'), value: '\u0000other' },
      ], { title: l10n.t('{0}: {1}', title, field.label) });
      if (picked === undefined) return;
      if (picked === '\u0000other') {
        const value = await deps.prompts.input({ title: l10n.t('{0}: {1}', title, field.label), prompt: l10n.t('A network on this engine, or container:<name>'), value: options.network ?? '', validate: (text) => checkNetwork(text, known) });
        if (value !== undefined) options.network = value.trim() || undefined;
      } else {
        options.network = picked || undefined;
      }
      return;
    }
  }
}

/** What other containers hold: names and published host ports ("8080/tcp"), which a new container cannot take again. */
export interface InUse {
  names: ReadonlySet<string>;
  hostPorts: ReadonlySet<string>;
}

export const nothingInUse: InUse = { names: new Set(), hostPorts: new Set() };

/** Whether a -p spec asks for a host port another container already publishes. */
function takesUsedPort(spec: string, inUse: InUse): boolean {
  const parsed = validate.parsePortSpec(spec);
  return parsed.ok && parsed.value.some((p) => p.hostPort !== undefined && inUse.hostPorts.has(`${p.hostPort}/${p.protocol}`));
}

/**
 * The form's first values: the options remembered for this image, or ports from its
 * EXPOSE list (same port on the host). A remembered name or host port that another
 * container holds is left out: a second container from the same image must not fail on them.
 */
export function initialOptions(image: string, exposed: string[], remembered: RunOptions | undefined, inUse: InUse = nothingInUse): RunOptions {
  const fromImage = exposed.map((key) => {
    const [port, proto] = key.split('/');
    return proto && proto !== 'tcp' ? `${port}:${port}/${proto}` : `${port}:${port}`;
  });
  const options: RunOptions = remembered ? { ...remembered, image } : { image, ports: fromImage };
  if (options.name && inUse.names.has(options.name)) delete options.name;
  const ports = (options.ports ?? []).filter((spec) => !takesUsedPort(spec, inUse));
  options.ports = ports.length > 0 ? ports : undefined;
  return options;
}

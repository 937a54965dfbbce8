/**
 * Every question Berth asks (quick picks, input boxes, confirmations, folder and
 * file pickers) goes through one Prompter, so tests can answer them ahead of time:
 * `prompts.script([...])` queues answers that the next questions take in order,
 * each checked by the same validation a person sees while typing. The transcript
 * records what was asked and what validation said, for tests to read.
 */
import * as vscode from 'vscode';

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  picked?: boolean;
}

export interface PickOptions {
  title: string;
  placeholder?: string;
  step?: number;
  totalSteps?: number;
}

/** Returns undefined when the value is fine, else one sentence saying what is wrong. */
export type Validator = (value: string) => string | undefined | Promise<string | undefined>;

export interface InputOptions {
  title: string;
  prompt?: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  validate?: Validator;
}

/**
 * A scripted answer: a label (or predicate) for picks, text for inputs (an array
 * is "typed" in turn: every value is validated, the last one is accepted), true or
 * false for confirmations, a path for pickers; `undefined` cancels.
 */
export type ScriptedAnswer = string | string[] | boolean | undefined | ((label: string) => boolean);

export interface TranscriptEntry {
  kind: 'pick' | 'pickMany' | 'input' | 'confirm' | 'folder' | 'file';
  title: string;
  answer?: string;
  /** What validation said for each typed value, in order (undefined: valid). */
  validation?: (string | undefined)[];
}

export class Prompter {
  private readonly queue: ScriptedAnswer[] = [];
  private scripted = false;
  readonly transcript: TranscriptEntry[] = [];

  /** Queues answers for the next questions; while any are queued, nothing is shown. */
  script(answers: ScriptedAnswer[]): void {
    this.queue.push(...answers);
    this.scripted = true;
  }

  /** Stops answering from the script; returns answers nobody asked for. */
  reset(): ScriptedAnswer[] {
    const left = this.queue.splice(0);
    this.scripted = false;
    this.transcript.length = 0;
    return left;
  }

  get pending(): number {
    return this.queue.length;
  }

  private next(kind: TranscriptEntry['kind'], title: string): ScriptedAnswer {
    if (this.queue.length === 0) throw new Error(`No scripted answer left for the ${kind} "${title}".`);
    return this.queue.shift();
  }

  async pick<T>(items: PickItem<T>[], options: PickOptions): Promise<T | undefined> {
    if (this.scripted) {
      const answer = this.next('pick', options.title);
      const entry: TranscriptEntry = { kind: 'pick', title: options.title };
      this.transcript.push(entry);
      if (answer === undefined) return undefined;
      const match = items.find((item) => (typeof answer === 'function' ? answer(item.label) : item.label === answer || stripIcons(item.label) === answer));
      if (!match) throw new Error(`"${String(answer)}" is not one of the choices for "${options.title}": ${items.map((i) => stripIcons(i.label)).join(', ')}.`);
      entry.answer = match.label;
      return match.value;
    }
    const picked = await vscode.window.showQuickPick(items.map((item) => ({ ...item })), {
      title: stepTitle(options), placeHolder: options.placeholder, ignoreFocusOut: true, matchOnDescription: true,
    });
    return picked?.value;
  }

  async pickMany<T>(items: PickItem<T>[], options: PickOptions): Promise<T[] | undefined> {
    if (this.scripted) {
      const answer = this.next('pickMany', options.title);
      this.transcript.push({ kind: 'pickMany', title: options.title, answer: Array.isArray(answer) ? answer.join(', ') : String(answer) });
      if (answer === undefined) return undefined;
      const labels = Array.isArray(answer) ? answer : [String(answer)];
      return items.filter((item) => labels.includes(item.label) || labels.includes(stripIcons(item.label))).map((item) => item.value);
    }
    const picked = await vscode.window.showQuickPick(items.map((item) => ({ ...item })), {
      title: stepTitle(options), placeHolder: options.placeholder, ignoreFocusOut: true, canPickMany: true,
    });
    return picked?.map((p) => p.value);
  }

  async input(options: InputOptions): Promise<string | undefined> {
    if (this.scripted) {
      const answer = this.next('input', options.title);
      const entry: TranscriptEntry = { kind: 'input', title: options.title, validation: [] };
      this.transcript.push(entry);
      if (answer === undefined) return undefined;
      const typed = Array.isArray(answer) ? answer : [String(answer)];
      let message: string | undefined;
      for (const value of typed) {
        message = options.validate ? await options.validate(value) : undefined;
        entry.validation!.push(message);
      }
      const last = typed[typed.length - 1];
      entry.answer = options.password ? '***' : last;
      if (message) throw new Error(`The scripted answer for "${options.title}" is invalid: ${message}`);
      return last;
    }
    return showValidatedInput(options);
  }

  async confirm(message: string, options: { confirm: string; detail?: string; modal?: boolean }): Promise<boolean> {
    if (this.scripted) {
      const answer = this.next('confirm', message);
      this.transcript.push({ kind: 'confirm', title: message, answer: String(answer) });
      return answer === true || answer === options.confirm;
    }
    const choice = await vscode.window.showWarningMessage(message, { modal: options.modal ?? true, detail: options.detail }, options.confirm);
    return choice === options.confirm;
  }

  async folder(options: { title: string; defaultUri?: vscode.Uri }): Promise<vscode.Uri | undefined> {
    return this.openDialog('folder', options, true);
  }

  async file(options: { title: string; defaultUri?: vscode.Uri }): Promise<vscode.Uri | undefined> {
    return this.openDialog('file', options, false);
  }

  private async openDialog(kind: 'folder' | 'file', options: { title: string; defaultUri?: vscode.Uri }, folders: boolean): Promise<vscode.Uri | undefined> {
    if (this.scripted) {
      const answer = this.next(kind, options.title);
      this.transcript.push({ kind, title: options.title, answer: answer === undefined ? undefined : String(answer) });
      return typeof answer === 'string' ? vscode.Uri.file(answer) : undefined;
    }
    const picked = await vscode.window.showOpenDialog({ title: options.title, defaultUri: options.defaultUri, canSelectFolders: folders, canSelectFiles: !folders, canSelectMany: false });
    return picked?.[0];
  }
}

function stepTitle(options: PickOptions): string {
  return options.step && options.totalSteps ? `${options.title} (${options.step}/${options.totalSteps})` : options.title;
}

function stripIcons(label: string): string {
  return label.replace(/\$\([a-z0-9-~]+\)\s*/g, '');
}

/** An input box that validates as the person types (async validators: last answer wins). */
function showValidatedInput(options: InputOptions): Promise<string | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.prompt = options.prompt;
    box.value = options.value ?? '';
    box.placeholder = options.placeholder;
    box.password = options.password ?? false;
    box.ignoreFocusOut = true;
    let generation = 0;
    let settled = false;
    const check = async (value: string): Promise<string | undefined> => {
      const mine = ++generation;
      const message = options.validate ? await options.validate(value) : undefined;
      if (mine === generation) box.validationMessage = message;
      return message;
    };
    const finish = (value: string | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(value);
      box.dispose();
    };
    box.onDidChangeValue((value) => void check(value));
    box.onDidAccept(async () => {
      if (!(await check(box.value))) finish(box.value);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
    if (box.value) void check(box.value);
  });
}

/** The one Prompter of this extension host; the extension's API hands it to tests. */
export const prompts = new Prompter();

/**
 * Every question Berth asks (confirmations, quick picks, input boxes, folder and
 * file pickers) goes through the one Prompter, so host-tier tests can answer them:
 * `answer(...)` queues answers that the next questions take in order, each checked
 * by the same validation a person sees while typing; `strict` makes a question with
 * no queued answer fail instead of opening a dialog that would block the extension
 * host. Every question asked is recorded in `asked`, so tests can check what the
 * user was told and what validation said.
 */
import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

export interface PickOptions {
  title: string;
  placeholder?: string;
  /** Step of a multi-step input, shown as "(2/5)" after the title. */
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
 * A queued answer: a button or item label (or a predicate on labels) for confirmations
 * and picks, a list of labels for multi-picks, text for inputs (a list is "typed" in
 * turn: every value is validated, the last one is accepted), true for a confirmation's
 * first action, a path for pickers; undefined cancels.
 */
export type Answer = string | string[] | boolean | undefined | ((label: string) => boolean);

export interface Asked {
  kind: 'confirm' | 'pick' | 'pickMany' | 'input' | 'folder' | 'file';
  /** The question's title or message. */
  message: string;
  /** A confirmation's detail; a pick's placeholder. */
  detail?: string;
  choices?: string[];
  /** What the queued answer chose (passwords are masked). */
  answer?: string;
  /** What an input box offered before anything was typed (a remembered value). */
  offered?: string;
  /** What validation said for each typed value, in order (undefined: valid). */
  validation?: (string | undefined)[];
  /** The sentence validation refused the accepted (last) value with, if it did. */
  refused?: string;
}

type Queued = { answered: true; value: Answer; record: Asked } | { answered: false; record: Asked };

export class Prompter {
  private readonly answers: Answer[] = [];
  readonly asked: Asked[] = [];
  /** Tests set this: a question with no queued answer then throws rather than waiting for a person. */
  strict = false;

  /** Queues answers for the next questions, in order. */
  answer(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  pending(): number {
    return this.answers.length;
  }

  /** Forgets queued answers and recorded questions, leaves strict mode; returns answers nobody asked for. */
  reset(): Answer[] {
    const left = this.answers.splice(0);
    this.asked.length = 0;
    this.strict = false;
    return left;
  }

  private next(record: Asked): Queued {
    this.asked.push(record);
    if (this.answers.length > 0) return { answered: true, value: this.answers.shift(), record };
    // l10n-ignore: the test prompter's own errors (here and below), read by tests only
    if (this.strict) throw new Error(`No answer queued for the ${record.kind} "${record.message}".`);
    return { answered: false, record };
  }

  /** A modal warning with action buttons; returns the chosen action, or undefined when cancelled. */
  async confirm<A extends string>(message: string, detail: string, ...actions: A[]): Promise<A | undefined> {
    const queued = this.next({ kind: 'confirm', message, detail, choices: actions });
    if (!queued.answered) return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
    const value = queued.value === true ? actions[0] : queued.value;
    if (value === undefined || value === false) return undefined;
    const chosen = actions.find((a) => (typeof value === 'function' ? value(a) : a === value));
    // l10n-ignore: the test prompter's own error
    if (!chosen) throw new Error(`"${String(value)}" is not one of ${actions.join(', ')}.`);
    queued.record.answer = chosen;
    return chosen;
  }

  async pick<T>(items: PickItem<T>[], options: PickOptions): Promise<T | undefined> {
    const queued = this.next({ kind: 'pick', message: options.title, detail: options.placeholder, choices: items.map((i) => stripIcons(i.label)) });
    if (!queued.answered) {
      const picked = await vscode.window.showQuickPick(items, { title: stepTitle(options), placeHolder: options.placeholder, ignoreFocusOut: true, matchOnDescription: true });
      return picked?.value;
    }
    if (queued.value === undefined) return undefined;
    const found = items.find((item) => labelMatches(queued.value, item.label));
    // l10n-ignore: the test prompter's own error
    if (!found) throw new Error(`"${String(queued.value)}" is not among the choices for "${options.title}": ${items.map((i) => stripIcons(i.label)).join(', ')}.`);
    queued.record.answer = found.label;
    return found.value;
  }

  async pickMany<T>(items: PickItem<T>[], options: PickOptions): Promise<T[] | undefined> {
    const queued = this.next({ kind: 'pickMany', message: options.title, choices: items.map((i) => stripIcons(i.label)) });
    if (!queued.answered) {
      const picked = await vscode.window.showQuickPick(items, { title: stepTitle(options), placeHolder: options.placeholder, ignoreFocusOut: true, canPickMany: true, matchOnDescription: true });
      return picked?.map((i) => i.value);
    }
    if (queued.value === undefined) return undefined;
    const labels = Array.isArray(queued.value) ? queued.value : [String(queued.value)];
    const found = labels.map((label) => {
      const item = items.find((i) => labelMatches(label, i.label));
      // l10n-ignore: the test prompter's own error
      if (!item) throw new Error(`"${label}" is not among the choices for "${options.title}": ${items.map((i) => stripIcons(i.label)).join(', ')}.`);
      return item;
    });
    queued.record.answer = found.map((i) => i.label).join(', ');
    return found.map((i) => i.value);
  }

  /**
   * An input box that validates as the person types. A queued answer goes through the
   * same validation: an invalid last value throws with the sentence the box would show.
   */
  async input(options: InputOptions): Promise<string | undefined> {
    const queued = this.next({ kind: 'input', message: options.title, detail: options.prompt, offered: options.password ? undefined : options.value, validation: [] });
    if (!queued.answered) return showValidatedInput(options);
    if (queued.value === undefined) return undefined;
    const typed = Array.isArray(queued.value) ? queued.value : [String(queued.value)];
    let problem: string | undefined;
    for (const value of typed) {
      problem = options.validate ? await options.validate(value) : undefined;
      queued.record.validation!.push(problem);
    }
    const last = typed[typed.length - 1];
    queued.record.answer = options.password ? '***' : last;
    if (problem) {
      queued.record.refused = problem;
      throw new Error(problem);
    }
    return last;
  }

  folder(options: { title: string; defaultUri?: vscode.Uri }): Promise<vscode.Uri | undefined> {
    return this.openDialog('folder', options);
  }

  file(options: { title: string; defaultUri?: vscode.Uri }): Promise<vscode.Uri | undefined> {
    return this.openDialog('file', options);
  }

  private async openDialog(kind: 'folder' | 'file', options: { title: string; defaultUri?: vscode.Uri }): Promise<vscode.Uri | undefined> {
    const queued = this.next({ kind, message: options.title });
    if (!queued.answered) {
      const folders = kind === 'folder';
      const picked = await vscode.window.showOpenDialog({ title: options.title, defaultUri: options.defaultUri, canSelectFolders: folders, canSelectFiles: !folders, canSelectMany: false });
      return picked?.[0];
    }
    queued.record.answer = typeof queued.value === 'string' ? queued.value : undefined;
    return typeof queued.value === 'string' ? vscode.Uri.file(queued.value) : undefined;
  }
}

function labelMatches(answer: Answer, label: string): boolean {
  if (typeof answer === 'function') return answer(label);
  return answer === label || answer === stripIcons(label);
}

function stepTitle(options: PickOptions): string {
  return options.step && options.totalSteps ? `${options.title} (${options.step}/${options.totalSteps})` : options.title;
}

function stripIcons(label: string): string {
  return label.replace(/\$\([a-z0-9-~]+\)\s*/g, '');
}

/** An input box that validates as the person types (async validators: the latest value wins). */
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

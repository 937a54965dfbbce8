/**
 * Every question Berth asks (confirmations, quick picks, input boxes) goes through
 * this one module, so host-tier tests can answer them: `answer(...)` queues answers
 * that the next prompts take in order, and `strict` makes an unanswered prompt fail
 * instead of opening a dialog that would block the extension host. Every question
 * asked is recorded in `asked`, so tests can check what the user was told.
 */
import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

/** A queued answer: a button/item label, a list of labels (multi-pick), input text, or undefined (cancel). */
export type Answer = string | string[] | undefined;

export interface Asked {
  kind: 'confirm' | 'pick' | 'input';
  message: string;
  detail?: string;
  choices?: string[];
  /** A queued input answer the validation refused, with the sentence the box would show. */
  refused?: string;
}

export class Prompter {
  private readonly answers: Answer[] = [];
  readonly asked: Asked[] = [];
  /** Tests set this: a prompt with no queued answer then throws rather than waiting for a person. */
  strict = false;

  /** Queues answers for the next prompts, in order. */
  answer(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  pending(): number {
    return this.answers.length;
  }

  private next(asked: Asked): { answered: true; value: Answer } | { answered: false } {
    this.asked.push(asked);
    if (this.answers.length > 0) return { answered: true, value: this.answers.shift() };
    if (this.strict) throw new Error(`No answer queued for the ${asked.kind} "${asked.message}".`);
    return { answered: false };
  }

  /**
   * A modal warning with one or more action buttons. Returns the chosen button's
   * label, or undefined when cancelled.
   */
  async confirm<A extends string>(message: string, detail: string, ...actions: A[]): Promise<A | undefined> {
    const queued = this.next({ kind: 'confirm', message, detail, choices: actions });
    if (queued.answered) {
      if (queued.value !== undefined && !actions.includes(queued.value as A)) throw new Error(`"${String(queued.value)}" is not one of ${actions.join(', ')}.`);
      return queued.value as A | undefined;
    }
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  }

  async pick<T>(items: PickItem<T>[], options: { title: string; placeHolder?: string }): Promise<T | undefined> {
    const queued = this.next({ kind: 'pick', message: options.title, choices: items.map((i) => i.label) });
    if (queued.answered) {
      if (queued.value === undefined) return undefined;
      const found = items.find((i) => i.label === queued.value);
      if (!found) throw new Error(`"${String(queued.value)}" is not among the choices: ${items.map((i) => i.label).join(', ')}.`);
      return found.value;
    }
    return (await vscode.window.showQuickPick(items, { title: options.title, placeHolder: options.placeHolder, matchOnDescription: true }))?.value;
  }

  async pickMany<T>(items: PickItem<T>[], options: { title: string; placeHolder?: string }): Promise<T[] | undefined> {
    const queued = this.next({ kind: 'pick', message: options.title, choices: items.map((i) => i.label) });
    if (queued.answered) {
      if (queued.value === undefined) return undefined;
      const labels = Array.isArray(queued.value) ? queued.value : [queued.value];
      return labels.map((label) => {
        const found = items.find((i) => i.label === label);
        if (!found) throw new Error(`"${label}" is not among the choices: ${items.map((i) => i.label).join(', ')}.`);
        return found.value;
      });
    }
    return (await vscode.window.showQuickPick(items, { title: options.title, placeHolder: options.placeHolder, canPickMany: true, matchOnDescription: true }))?.map((i) => i.value);
  }

  /**
   * An input box whose `validate` returns one sentence saying what is wrong, or
   * undefined. A queued answer goes through the same validation: an invalid one
   * throws with that sentence, the way the box would refuse it.
   */
  async input(options: { title: string; prompt?: string; value?: string; placeHolder?: string; validate?: (text: string) => string | undefined }): Promise<string | undefined> {
    const asked: Asked = { kind: 'input', message: options.title, detail: options.prompt };
    const queued = this.next(asked);
    if (queued.answered) {
      if (queued.value === undefined) return undefined;
      const text = String(queued.value);
      const problem = options.validate?.(text);
      if (problem) {
        asked.refused = problem;
        throw new Error(problem);
      }
      return text;
    }
    return vscode.window.showInputBox({
      title: options.title,
      prompt: options.prompt,
      value: options.value,
      placeHolder: options.placeHolder,
      validateInput: options.validate,
      ignoreFocusOut: true,
    });
  }
}

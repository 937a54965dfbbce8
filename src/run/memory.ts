/** The last run options per image, remembered in the extension's global state. */
import type * as vscode from 'vscode';
import type { RunOptions } from './options';

const key = 'berth.run.lastOptions';
const limit = 50;

export class RunMemory {
  constructor(private readonly state: vscode.Memento) {}

  get(image: string): RunOptions | undefined {
    return this.state.get<Record<string, RunOptions>>(key, {})[image];
  }

  async remember(options: RunOptions): Promise<void> {
    const all = { ...this.state.get<Record<string, RunOptions>>(key, {}) };
    delete all[options.image];
    all[options.image] = options;
    const names = Object.keys(all);
    for (const old of names.slice(0, Math.max(0, names.length - limit))) delete all[old];
    await this.state.update(key, all);
  }
}

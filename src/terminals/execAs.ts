/**
 * Who and where an exec runs (`docker exec -u USER -w DIR`), and what was last chosen
 * per container, remembered in the extension's global state the way the run form
 * remembers options per image (src/run/memory.ts). Empty means the image's default.
 */
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';

export interface ExecAs {
  user?: string;
  workdir?: string;
}

/** " as app in /srv", " as app", " in /srv" or "" for a terminal title. */
export function describeExecAs(as: ExecAs | undefined): string {
  return `${as?.user ? ` ${l10n.t('as {0}', as.user)}` : ''}${as?.workdir ? ` ${l10n.t('in {0}', as.workdir)}` : ''}`;
}

/** Drops empty fields, so an empty answer means "the image's default", never `-u ""`. */
export function normalExecAs(as: ExecAs): ExecAs {
  const user = as.user?.trim();
  const workdir = as.workdir?.trim();
  return { ...(user ? { user } : {}), ...(workdir ? { workdir } : {}) };
}

const key = 'berth.exec.lastAs';
const limit = 100;

export class ExecMemory {
  constructor(private readonly state: vscode.Memento) {}

  get(containerId: string): ExecAs {
    return this.state.get<Record<string, ExecAs>>(key, {})[containerId] ?? {};
  }

  async remember(containerId: string, as: ExecAs): Promise<void> {
    const all = { ...this.state.get<Record<string, ExecAs>>(key, {}) };
    delete all[containerId];
    all[containerId] = normalExecAs(as);
    const ids = Object.keys(all);
    for (const old of ids.slice(0, Math.max(0, ids.length - limit))) delete all[old];
    await this.state.update(key, all);
  }
}

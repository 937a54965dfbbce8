/** Shared by the build, registries and run host suites: the extension's API, a scratch folder, log reading. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/extension';
import type { TaskResult } from '../../../src/tasks';
import type { Answer } from '../../../src/ui/prompt';

export const extensionId = 'berth.berth';

export async function berth(): Promise<BerthApi> {
  const extension = vscode.extensions.getExtension<BerthApi>(extensionId);
  assert.ok(extension, `extension ${extensionId} is not installed in this host`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  // Tests never see the machine's own docker logins: an empty docker config of their own.
  if (!process.env.BERTH_TEST_DOCKER_CONFIG_SET) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-docker-config-'));
    process.env.DOCKER_CONFIG = dir;
    process.env.BERTH_TEST_DOCKER_CONFIG_SET = '1';
  }
  return api;
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host tests need a workspace folder');
  return folder;
}

/** A fresh folder inside the workspace with the given files. */
export function scratch(name: string, files: Record<string, string>): string {
  const dir = path.join(workspaceFolder().uri.fsPath, name);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** Runs a command with pre-answered prompts; fails if a scripted answer was left over. */
export async function withAnswers<T>(api: BerthApi, answers: Answer[], run: () => Thenable<T> | Promise<T>): Promise<T> {
  api.prompts.reset();
  api.prompts.strict = true;
  api.prompts.answer(...answers);
  try {
    const result = await run();
    assert.equal(api.prompts.pending(), 0, `answers nobody asked for; questions were: ${api.prompts.asked.map((t) => t.message).join(' | ')}`);
    return result;
  } finally {
    api.prompts.reset();
  }
}

export function taskResult(value: unknown): TaskResult {
  assert.ok(value && typeof value === 'object' && 'ok' in value, `expected a task result, got ${JSON.stringify(value)}`);
  return value as TaskResult;
}

/** Every file of the Berth log channel(s) under this extension host's logs folder. */
export function berthLogText(api: BerthApi): string {
  const logsRoot = path.dirname(api.context.extension.logUri.fsPath);
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.log')) out.push(fs.readFileSync(full, 'utf8'));
    }
  };
  if (fs.existsSync(logsRoot)) walk(logsRoot);
  return out.join('\n');
}

export function registryEnv(): { plain: string; auth: string; user: string; password: string } {
  const { BERTH_TEST_REGISTRY: plain, BERTH_TEST_AUTH_REGISTRY: auth, BERTH_TEST_REGISTRY_USER: user, BERTH_TEST_REGISTRY_PASSWORD: password } = process.env;
  assert.ok(plain && auth && user && password, 'BERTH_TEST_REGISTRY, BERTH_TEST_AUTH_REGISTRY, BERTH_TEST_REGISTRY_USER and BERTH_TEST_REGISTRY_PASSWORD must be set (source .vscode-test/env/env.sh)');
  return { plain, auth, user, password };
}

/**
 * The Berth output channel's own file: VS Code writes a LogOutputChannel to
 * <extension logUri>/<channel name>.log. Read from a mark on, so a test sees only what
 * its own step logged.
 */
export class BerthLog {
  readonly file: string;

  constructor(api: BerthApi) {
    this.file = path.join(api.context.extension.logUri.fsPath, 'Berth.log');
  }

  text(): string {
    return fs.existsSync(this.file) ? fs.readFileSync(this.file, 'utf8') : '';
  }

  mark(): number {
    return this.text().length;
  }

  /** The message of the last failure `command` logged after `mark` (the line "[error] <command>: <message>"). */
  errorOf(command: string, mark: number): string | undefined {
    const prefix = `[error] ${command}: `;
    const line = this.text().slice(mark).split('\n').filter((l) => l.includes(prefix)).at(-1);
    return line?.slice(line.indexOf(prefix) + prefix.length).trim();
  }
}

/**
 * Workspace trust and workspace settings, wired once at activation: leaving Restricted
 * Mode connects the engine; a workspace's value for a setting that picks the engine or
 * the shell (src/config/workspaceConsent.ts) is used only after the person agrees,
 * asked once per workspace and value.
 */
import * as vscode from 'vscode';
import { onConfigChange, readConfig } from './config';
import { recordAnswer, unansweredWorkspaceValues } from './config/workspaceConsent';
import type { BerthContext } from './context';
import type { Prompter } from './ui/prompt';

/** The question's two answers, in the display language (tests answer with them). */
export const useWorkspaceSettings = (): string => vscode.l10n.t('Use Workspace Settings');
export const keepMySettings = (): string => vscode.l10n.t('Keep My Settings');

export function registerWorkspaceGuard(ctx: BerthContext, prompts: Prompter): vscode.Disposable[] {
  let asking: Promise<void> | undefined;
  const ask = (): Promise<void> => {
    asking ??= askOnce(ctx, prompts).catch((error: unknown) => ctx.log.warn(`Asking about workspace settings: ${String(error)}`)).finally(() => (asking = undefined));
    return asking;
  };
  // The settings were read before this runs (the person's values where a workspace's wait): ask now.
  void ask();
  return [
    onConfigChange(() => void ask()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      ctx.log.info(vscode.l10n.t('The workspace is trusted now: Berth connects to its engine.'));
      ctx.updateConfig(readConfig());
      void ask();
    }),
  ];
}

async function askOnce(ctx: BerthContext, prompts: Prompter): Promise<void> {
  const pending = unansweredWorkspaceValues();
  if (pending.length === 0) return;
  const listed = pending.map(({ key, value }) => `berth.${key} = ${JSON.stringify(value)}`).join(', ');
  ctx.log.info(vscode.l10n.t('This workspace\'s settings choose {0}; Berth uses your own values until you agree.', listed));
  const use = useWorkspaceSettings();
  const answer = await prompts.confirm(
    vscode.l10n.t('This workspace\'s settings choose Berth\'s engine or shell. Use them?'),
    vscode.l10n.t('{0}. An engine chosen by a repository receives your registry logins when you push and every build context; a shell setting is run in your containers. Until you agree, Berth uses your own settings.', listed),
    use, keepMySettings(),
  );
  // Dismissed: nothing is remembered, and the question comes back next time.
  if (answer === undefined) return;
  await recordAnswer(pending, answer === use);
  ctx.log.info(answer === use ? vscode.l10n.t('Using the workspace\'s {0}, as agreed.', listed) : vscode.l10n.t('Keeping your own settings instead of the workspace\'s {0}.', listed));
  ctx.updateConfig(readConfig());
}

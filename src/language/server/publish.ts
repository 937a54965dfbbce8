/**
 * Publishes a version's diagnostics in parts, each as soon as it is known. Our own rules
 * run in order, the quick checks first (BuildKit, Berth, stage names), then hadolint's
 * rules and the library's checks; their first findings are published at once, the rest
 * when they are done (or at each spent time budget); ShellCheck, which waits on another
 * program, comes last. Each publication carries everything found so far, and
 * `berth/lintProgress` says whether more is coming. A set with nothing new is not
 * published on its own (an empty one would only wipe what the editor shows); the
 * complete set always is.
 *
 * Nothing is dropped under load: a part whose time budget runs out answers with the
 * units still pending, which are asked for next; a part cut by the hard time limit is
 * halved and tried again, down to the one unit that cannot finish, which is named as
 * unchecked. ShellCheck scripts whose process timed out are tried again in smaller batches.
 */
import * as l10n from '@vscode/l10n';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LintProgressParams } from '../protocol';
import type { AnalysisHost } from './workerHost';
import type { LintPartAnswer, LintPartParams } from './features/lintParts';
import type { ShellcheckOutcome } from './rules/shellcheck';

export interface PublisherOptions {
  checks: AnalysisHost;
  /** The open version of `uri` now; another one means this lint is stale and stops. */
  currentVersion(uri: string): number | undefined;
  send(uri: string, version: number, diagnostics: Diagnostic[]): Promise<void>;
  progress(params: LintProgressParams): Promise<void>;
  /** Shown to the person once per distinct message (ShellCheck missing). */
  tell(message: string): void;
  log(message: string): void;
  /** A part stops between two units after this long and hands the rest to the next request. */
  budgetMs: number;
  /** Time limit of one ShellCheck process, the same as any check's. */
  shellcheckTimeoutMs: number;
}

/** Scripts per ShellCheck process, first try and then retries of what timed out. */
const shellcheckBatches = [64, 8, 1];

export function diagnosticsPublisher(options: PublisherOptions): (uri: string, version: number) => Promise<void> {
  const { checks, budgetMs } = options;
  // A newer lint of the same document (settings changed, or the same version asked again)
  // replaces this one: two lints publishing in turn would show each other's partial sets.
  const latest = new Map<string, number>();
  let lints = 0;
  return async (uri, version) => {
    const lint = ++lints;
    latest.set(uri, lint);
    const stale = () => options.currentVersion(uri) !== version || latest.get(uri) !== lint;
    const found: Diagnostic[] = [];
    let fromShellcheck: Diagnostic[] = [];
    const unchecked: string[] = [];
    // Set while the worker's shell parser loads: hadolint's shell rules said nothing yet, so this set is not complete.
    let shellLoading = false;
    // Findings in the last set sent; nothing sent counts as an empty set.
    let published = 0;
    /** `last`: the lint is over, so the set is sent whatever it holds. */
    const publish = async (last: boolean) => {
      if (stale()) return;
      const complete = last && !shellLoading;
      const count = found.length + fromShellcheck.length;
      if (!last && count === published) return;
      published = count;
      const all = [...found, ...fromShellcheck].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      await options.send(uri, version, all);
      await options.progress({ uri, version, complete, unchecked: [...unchecked] });
    };

    const runPart = async (first: LintPartParams): Promise<void> => {
      const queue: LintPartParams[] = [first];
      while (queue.length > 0 && !stale()) {
        const params = { ...queue.shift()!, untilFindings: published === 0 };
        const answer = await checks.request<LintPartAnswer>('berth/lintPart', uri, params, undefined, { part: params.part ?? params.units?.join(',') });
        if (stale()) return;
        if (answer) {
          found.push(...answer.diagnostics);
          shellLoading ||= answer.shellLoading === true;
          if (answer.pending.length > 0) {
            queue.unshift({ units: answer.pending, budgetMs });
            await publish(false);
          }
          continue;
        }
        // A whole part cut by the time limit: which units it holds, only the worker knows.
        const units = params.units ?? (await checks.request<string[]>('berth/lintUnits', undefined, { part: params.part }));
        if (stale()) return;
        if (!units || units.length === 0) {
          unchecked.push(params.part ?? 'rules');
          options.log(`the ${params.part ?? ''} rules did not finish within their time limit on ${uri} (version ${version}); published without them`);
        } else if (units.length === 1) {
          unchecked.push(units[0]);
          options.log(`${units[0]} did not finish within its time limit on ${uri} (version ${version}); published without it`);
        } else {
          const half = Math.ceil(units.length / 2);
          queue.unshift({ units: units.slice(0, half), budgetMs }, { units: units.slice(half), budgetMs });
        }
      }
    };

    const runShellcheck = async (): Promise<void> => {
      const timeoutMs = options.shellcheckTimeoutMs;
      for (const [round, batchSize] of shellcheckBatches.entries()) {
        if (stale()) return;
        const params = { timeoutMs, batchSize, deadlineMs: timeoutMs };
        const outcome = await checks.request<ShellcheckOutcome>('berth/shellcheck', uri, params, undefined, { part: `batch ${batchSize}`, limitMs: 2 * timeoutMs + 2000 });
        if (stale()) return;
        if (!outcome || outcome.missing) {
          unchecked.push('ShellCheck');
          if (outcome?.missing) options.tell(outcome.missing);
          return;
        }
        fromShellcheck = outcome.diagnostics;
        if (outcome.unfinished === 0) return;
        if (round === shellcheckBatches.length - 1) {
          unchecked.push(l10n.t('ShellCheck ({0} RUN scripts)', outcome.unfinished));
          options.log(`ShellCheck did not finish ${outcome.unfinished} RUN scripts of ${uri} within ${timeoutMs} ms per process`);
          return;
        }
        await publish(false);
      }
    };

    // Our own rules go as one request that stops at the first findings (published at
    // once) and then at each spent budget: every round trip between the threads waits
    // for the scheduler, which on a busy machine cost more than the rules.
    await runPart({ part: 'own', budgetMs });
    await publish(false);
    await runShellcheck();
    await publish(true);
    if (latest.get(uri) === lint) latest.delete(uri);
  };
}

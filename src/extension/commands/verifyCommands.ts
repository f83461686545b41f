/**
 * Confirm by Bisect: replays the failure at the deploy range's ends and bisects it in a
 * scratch worktree outside the checkout (src/core/verify), with a cancellable progress
 * notification. The verdict goes into the IssueStore, so the tree, hover and panel show it.
 */
import * as vscode from 'vscode';
import { CulpritError, messageOf } from '../../core/errors';
import type { Verification } from '../../core/model';
import { shortSha } from '../../core/present';
import { verifyIssue, type VerifyProgress } from '../../core/verify';
import { CMD } from '../constants';
import type { Logger } from '../log';
import { readVerifyConfig } from '../settings';
import type { IssueStore } from '../state/issueStore';
import type { Workspaces } from '../state/workspaces';

/** What Confirm by Bisect resolves to: the verdict, or why nothing ran. */
export type BisectOutcome =
  | { kind: 'done'; verification: Verification }
  | { kind: 'refused'; message: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

const STATUS_TEXT: Record<Verification['status'], string> = {
  confirmed: 'Confirmed',
  'not-reproduced': 'Not reproduced here',
  inconclusive: 'Inconclusive',
};

/** `step 3/5 · bisect 2b16db1 · 4 m 10 s left`: the progress notification's message. */
function progressMessage(p: VerifyProgress): string {
  const left = Math.max(0, Math.round(p.msLeft / 1000));
  const time = left >= 60 ? `${Math.floor(left / 60)} m ${left % 60} s` : `${left} s`;
  const last = p.last ? ` (${shortSha(p.last.sha)} was ${p.last.result})` : '';
  return `step ${p.step}/${p.maxSteps} · ${p.phase} ${shortSha(p.sha)} · ${time} left${last}`;
}

/** One line for the tree, hover and notification: `Confirmed by bisect: 2b16db1 · 5 runs`. */
export function verificationHeadline(v: {
  status: Verification['status'];
  commit: string | null;
  runs?: number;
}): string {
  const runs = typeof v.runs === 'number' ? ` · ${v.runs} run${v.runs === 1 ? '' : 's'}` : '';
  if (v.status === 'confirmed' && v.commit) return `Confirmed by bisect: ${shortSha(v.commit)}${runs}`;
  return `${STATUS_TEXT[v.status]}${runs}`;
}

/** The running bisects' cancel switches, by issue key: the notification and the tree's Stop both use them. */
const running = new Map<string, AbortController>();

/** Cancels the Confirm by Bisect running on `key`; false when none runs. */
export function cancelBisect(key: string): boolean {
  const controller = running.get(key);
  controller?.abort();
  return controller !== undefined;
}

async function refuse(
  message: string,
  ...actions: Array<{ title: string; run: () => unknown }>
): Promise<BisectOutcome> {
  void vscode.window.showWarningMessage(message, ...actions.map((a) => a.title)).then((picked) => {
    actions.find((a) => a.title === picked)?.run();
  });
  return { kind: 'refused', message };
}

/** Runs Confirm by Bisect on issue `key`; never in an untrusted workspace, never twice at once. */
export async function confirmByBisect(
  store: IssueStore,
  workspaces: Workspaces,
  key: string,
  log: Logger,
): Promise<BisectOutcome> {
  if (!vscode.workspace.isTrusted)
    return refuse('Confirm by Bisect runs code from this repository: it never runs in Restricted Mode.', {
      title: 'Manage Workspace Trust',
      run: () => vscode.commands.executeCommand('workbench.trust.manage'),
    });
  const entry = store.get(key);
  const triage = entry?.triage;
  if (!entry || !triage) return refuse('This issue is not triaged yet: wait for its suspects, then confirm.');
  if (!triage.gitRan) return refuse('Confirm by Bisect needs the git repository the error came from.');
  const { from, to } = triage.issue.deploy;
  if (!from || !to)
    return refuse(`No deploy range to bisect (${triage.issue.deploy.label ?? 'none'}): set one first.`, {
      title: 'Set Deploy Range…',
      run: () => vscode.commands.executeCommand(CMD.setDeployRange, key),
    });
  if (store.bisectProgress(key)) return refuse('Confirm by Bisect is already running for this issue.');
  const ws = await workspaces.byRoot(triage.root);
  if (!ws) return refuse('The repository of this issue is not open any more: refresh and try again.');

  const settings = readVerifyConfig(triage.folder.uri);
  const title = `Culprit: Confirm by Bisect (${from.slice(0, 12)}..${to.slice(0, 12)})`;
  log.info(`bisect ${key}: ${from}..${to}${settings.reproCommand ? ` with '${settings.reproCommand}'` : ''}`);
  store.setBisectProgress(key, { step: 0, maxSteps: 0, sha: from, phase: 'starting' });
  const controller = new AbortController();
  running.set(key, controller);
  try {
    const verified = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const sub = token.onCancellationRequested(() => controller.abort());
        let reported = 0;
        try {
          progress.report({ message: 'preparing the scratch worktree…' });
          return await verifyIssue(ws, entry.sample.event, triage.issue, {
            repro: settings.reproCommand || undefined,
            serve: settings.serveCommand || undefined,
            setup: settings.setupCommand || undefined,
            stepTimeoutMs: settings.stepTimeoutSeconds * 1000,
            // Two more runs (HEAD, the working tree) answer "is it fixed?" beside Watch fix.
            checkFix: true,
            trusted: vscode.workspace.isTrusted,
            signal: controller.signal,
            onProgress: (p) => {
              const pct = Math.min(95, Math.round(((p.step - 1) / Math.max(1, p.maxSteps)) * 100));
              progress.report({ message: progressMessage(p), increment: Math.max(0, pct - reported) });
              reported = Math.max(reported, pct);
              store.setBisectProgress(key, { step: p.step, maxSteps: p.maxSteps, sha: p.sha, phase: p.phase });
              if (p.last) log.info(`bisect ${key}: ${shortSha(p.last.sha)} ${p.last.result} ${p.last.note ?? ''}`);
            },
          });
        } finally {
          sub.dispose();
        }
      },
    );
    const v = verified.verification;
    if (!v) {
      store.setBisectInterrupted(key, { kind: 'failed', message: 'the bisect returned no verdict' });
      return { kind: 'failed', message: 'the bisect returned no verdict' };
    }
    store.setVerified(key, verified);
    log.info(`bisect ${key}: ${v.status}: ${v.summary} (${v.runs} runs)`);
    const buttons = v.status === 'confirmed' && v.commit ? ['Open Diff', 'Details'] : ['Details'];
    void vscode.window.showInformationMessage(`${verificationHeadline(v)}: ${v.summary}`, ...buttons).then((b) => {
      if (b === 'Open Diff' && v.commit) void vscode.commands.executeCommand(CMD.openSuspectDiff, key, v.commit);
      else if (b === 'Details') void vscode.commands.executeCommand(CMD.openDetails, key);
    });
    return { kind: 'done', verification: v };
  } catch (e) {
    if (CulpritError.is(e, 'cancelled')) {
      log.info(`bisect ${key}: cancelled; the scratch worktree was removed`);
      store.setBisectInterrupted(key, { kind: 'cancelled', message: 'the scratch worktree was removed' });
      void vscode.window.showInformationMessage('Confirm by Bisect cancelled: the scratch worktree was removed.');
      return { kind: 'cancelled' };
    }
    log.warn(`bisect ${key} failed: ${messageOf(e)}`);
    store.setBisectInterrupted(key, { kind: 'failed', message: messageOf(e) });
    void vscode.window.showErrorMessage(`Confirm by Bisect failed: ${messageOf(e)}`, 'Open Log').then((b) => {
      if (b) void vscode.commands.executeCommand(CMD.showLog);
    });
    return { kind: 'failed', message: messageOf(e) };
  } finally {
    running.delete(key);
    store.setBisectProgress(key, undefined);
  }
}

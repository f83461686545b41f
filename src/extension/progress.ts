/**
 * Long work the user started (a refresh, Load More, triaging an opened file): the view shows it
 * at once, and when it lasts longer than a moment a notification with Cancel follows, so a quick
 * triage flashes no toast and a slow one can always be stopped.
 */
import * as vscode from 'vscode';
import { CulpritError } from '../core/errors';
import { VIEW_ERRORS } from './constants';

/** How long work runs before its cancellable notification appears. */
const NOTIFY_AFTER_MS = 800;

export interface ProgressStep {
  message: string;
  /** Percent of the whole this step adds. */
  increment?: number;
}

/**
 * Runs `work` with a signal that the notification's Cancel aborts (reason: a `cancelled`
 * CulpritError, so the store can tell it from a deadline), and reports its steps there.
 */
export async function withCancellableProgress<T>(
  title: string,
  work: (signal: AbortSignal, report: (step: ProgressStep) => void) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let shown: vscode.Progress<ProgressStep> | null = null;
  let last: ProgressStep | null = null;
  const report = (step: ProgressStep) => {
    last = step;
    shown?.report(step);
  };
  const running = Promise.resolve(
    vscode.window.withProgress({ location: { viewId: VIEW_ERRORS }, title }, () => work(controller.signal, report)),
  );
  const timer = setTimeout(() => {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Culprit: ${title}`, cancellable: true },
      async (progress, token) => {
        shown = progress;
        if (last) progress.report({ message: last.message });
        const sub = token.onCancellationRequested(() =>
          controller.abort(new CulpritError('cancelled', `${title} was cancelled`)),
        );
        await running.catch(() => undefined);
        sub.dispose();
      },
    );
  }, NOTIFY_AFTER_MS);
  try {
    return await running;
  } finally {
    clearTimeout(timer);
  }
}

/** "Open Error by ID…": the event or correlation ID a bug report carries → that event, triaged. */
import * as vscode from 'vscode';
import { EVENT_ID_FORMS, createEventLookupSource } from '../../core/providers';
import { CulpritError, messageOf } from '../../core/errors';
import { withCancellableProgress } from '../progress';
import type { ProviderSetup } from '../sources/sourceFactory';
import type { IssueStore } from '../state/issueStore';

export async function openErrorById(
  store: IssueStore,
  setup: ProviderSetup | null,
  givenId?: string,
): Promise<string[] | undefined> {
  if (!setup) {
    void vscode.window.showWarningMessage(
      'Culprit: connect Sentry, Datadog or Bugsnag first; an ID is looked up in that provider.',
    );
    return undefined;
  }
  const id =
    givenId ??
    (await vscode.window.showInputBox({
      title: `Open Error by ID (${setup.label})`,
      prompt: `Paste ${EVENT_ID_FORMS[setup.target.provider]}`,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Paste the ID from the bug report or error page'),
    }));
  if (!id) return undefined;
  try {
    // The lookup and its triage, cancellable together from one notification.
    return await withCancellableProgress(`looking up ${id.trim().slice(0, 60)}`, async (signal) => {
      const samples = await createEventLookupSource(setup.target, id.trim()).listSamples({ limit: 1, signal });
      return store.addSamples(samples.samples, { origin: 'lookup', signal });
    });
  } catch (e) {
    const cancelled = CulpritError.is(e, 'cancelled') || (e instanceof Error && e.name === 'AbortError');
    if (!cancelled) void vscode.window.showErrorMessage(`Culprit: ${messageOf(e)}`);
    return undefined;
  }
}

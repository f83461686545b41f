/** "Open Error by ID…": the event or correlation ID a bug report carries → that event, triaged. */
import * as vscode from 'vscode';
import { EVENT_ID_FORMS, createEventLookupSource } from '../../core/providers';
import { messageOf } from '../../core/errors';
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
    const samples = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Culprit: looking up ${id.trim().slice(0, 60)}…` },
      () => createEventLookupSource(setup.target, id.trim()).listSamples({ limit: 1 }),
    );
    return await store.addSamples(samples.samples, { origin: 'lookup' });
  } catch (e) {
    void vscode.window.showErrorMessage(`Culprit: ${messageOf(e)}`);
    return undefined;
  }
}

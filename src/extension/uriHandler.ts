/**
 * `vscode://culprit-dev.culprit/open?provider=sentry&org=acme&issue=123` (or provider=datadog&issue=…):
 * selects the issue, refreshing once if it is not listed yet, and opens its crashing frame.
 */
import * as vscode from 'vscode';
import type { IssueStore } from './state/issueStore';
import { readConfig } from './settings';

interface OpenIssueRequest {
  provider: 'sentry' | 'datadog';
  issue: string;
  org: string | null;
}

/** Parses and validates the URI; returns a message for anything it cannot accept. */
function parseOpenUri(uri: vscode.Uri): OpenIssueRequest | string {
  if (uri.path !== '/open') return `unknown Culprit link path '${uri.path.slice(0, 40)}' (expected /open)`;
  const q = new URLSearchParams(uri.query);
  const provider = q.get('provider');
  const issue = q.get('issue')?.trim() ?? '';
  if (provider !== 'sentry' && provider !== 'datadog') return "the link's provider must be sentry or datadog";
  if (!/^[A-Za-z0-9._:-]{1,128}$/.test(issue)) return 'the link has no valid issue id';
  return { provider, issue, org: q.get('org') };
}

export class CulpritUriHandler implements vscode.UriHandler {
  constructor(
    private readonly store: IssueStore,
    private readonly refresh: () => Promise<boolean>,
    private readonly openIssue: (key: string) => Promise<void>,
  ) {}

  async handleUri(uri: vscode.Uri): Promise<void> {
    const req = parseOpenUri(uri);
    if (typeof req === 'string') {
      void vscode.window.showErrorMessage(`Culprit: ${req}`);
      return;
    }
    const config = readConfig();
    if (config.provider !== req.provider) {
      const name = req.provider === 'sentry' ? 'Sentry' : 'Datadog';
      const pick = await vscode.window.showErrorMessage(
        `Culprit: this link is for ${name}, which is not connected in this workspace.`,
        `Connect ${name}…`,
      );
      if (pick)
        await vscode.commands.executeCommand(
          req.provider === 'sentry' ? 'culprit.connectSentry' : 'culprit.connectDatadog',
        );
      return;
    }
    if (req.provider === 'sentry' && req.org && config.sentry.org && req.org !== config.sentry.org) {
      void vscode.window.showErrorMessage(
        `Culprit: this link is for Sentry organization '${req.org}', but the workspace is connected to ` +
          `'${config.sentry.org}'.`,
      );
      return;
    }
    const key = `${req.provider}:${req.issue}`;
    if (!this.store.get(key)) await this.refresh();
    if (!this.store.get(key)) {
      void vscode.window.showWarningMessage(
        `Culprit: issue ${req.issue} is not among the ${config.issueLimit} most recent matching issues; widen ` +
          `culprit.${req.provider}.query or culprit.issueLimit.`,
      );
      return;
    }
    await this.openIssue(key);
  }
}

/**
 * `vscode://culprit-dev.culprit/open?provider=sentry&org=acme&issue=123` (or provider=datadog&issue=…):
 * selects the issue, refreshing once if it is not listed yet, and opens its crashing frame.
 */
import * as vscode from 'vscode';
import type { IssueStore } from './state/issueStore';
import { readConfig } from './settings';
import { PROVIDERS, providerFor, type ProviderName } from '../core/registry';
import { connectionValues } from './sources/sourceFactory';

/** The providers whose issues a link may open (the registry's `links`). */
const LINKED = PROVIDERS.filter((p) => p.links).map((p) => p.id);

interface OpenIssueRequest {
  provider: ProviderName;
  issue: string;
  org: string | null;
}

/** Parses and validates the URI; returns a message for anything it cannot accept. */
function parseOpenUri(uri: vscode.Uri): OpenIssueRequest | string {
  if (uri.path !== '/open') return `unknown Culprit link path '${uri.path.slice(0, 40)}' (expected /open)`;
  const q = new URLSearchParams(uri.query);
  const provider = q.get('provider');
  const issue = q.get('issue')?.trim() ?? '';
  const linked = LINKED.find((id) => id === provider);
  if (!linked) return `the link's provider must be ${LINKED.join(' or ')}`;
  if (!/^[A-Za-z0-9._:-]{1,128}$/.test(issue)) return 'the link has no valid issue id';
  return { provider: linked, issue, org: q.get('org') };
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
      const name = providerFor(req.provider)!.name;
      const pick = await vscode.window.showErrorMessage(
        `Culprit: this link is for ${name}, which is not connected in this workspace.`,
        `Connect ${name}…`,
      );
      if (pick) await vscode.commands.executeCommand(`culprit.connect${name}`);
      return;
    }
    const provider = providerFor(req.provider)!;
    const scope = provider.links?.scope;
    const connected = scope ? connectionValues(config, provider)[scope] : undefined;
    if (scope && req.org && typeof connected === 'string' && connected && req.org !== connected) {
      void vscode.window.showErrorMessage(
        `Culprit: this link is for ${provider.name} organization '${req.org}', but the workspace is connected to ` +
          `'${connected}'.`,
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

// A configured token that comes back inside provider data (an issue title that quotes the failed
// call), in the real extension host: no tree row, tooltip or panel model shows it. The Sentry
// stand-in serves titles carrying the token; the settings and the stored secret are put back after.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSentryStandIn, type SentryStandIn } from '../../helpers/sentryStandIn';
import { until, untilAsync } from './hostEnv';
import type { CulpritApi } from '../../../src/extension/extension';
import type { ErrorTreeNode } from '../../../src/extension/tree/errorNodes';
import { originOf } from '../../../src/core/registry';

const TOKEN = 'canarytok_HOST_ECHO_3f9a77c1';
const SETTINGS = ['provider', 'sentry.url', 'sentry.org', 'sentry.projects'] as const;

/** Every row of the tree two levels down, as the text VS Code shows (label, description, tooltip). */
function treeText(api: CulpritApi): string {
  const rows: string[] = [];
  const visit = (nodes: ErrorTreeNode[], depth: number): void => {
    for (const n of nodes) {
      const item = api.tree.getTreeItem(n);
      const tip = item.tooltip;
      rows.push(
        [
          typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
          String(item.description ?? ''),
          typeof tip === 'string' ? tip : (tip?.value ?? ''),
        ].join(' | '),
      );
      if (depth < 2) visit(api.tree.getChildren(n), depth + 1);
    }
  };
  visit(api.tree.getChildren(), 0);
  return rows.join('\n');
}

describe('Culprit with a token echoed in provider data', function () {
  this.timeout(60_000);
  let api: CulpritApi;
  let standIn: SentryStandIn;
  const config = () => vscode.workspace.getConfiguration('culprit');
  const saved = new Map<string, unknown>();

  before(async () => {
    standIn = await startSentryStandIn({
      issueCount: 2,
      token: TOKEN,
      issueTitle: (i) => `AuthError: curl -H "Authorization: Bearer ${TOKEN}" failed ${i}`,
    });
    api = await vscode.extensions.getExtension<CulpritApi>('culprit-dev.culprit')!.activate();
    for (const key of SETTINGS) saved.set(key, config().inspect(key)?.globalValue);
    await api.secrets.storeSentry({ token: TOKEN }, originOf(standIn.url));
    await config().update('sentry.url', standIn.url, vscode.ConfigurationTarget.Global);
    await config().update('sentry.org', 'acme', vscode.ConfigurationTarget.Global);
    await config().update('sentry.projects', ['orders-api'], vscode.ConfigurationTarget.Global);
    await config().update('provider', 'sentry', vscode.ConfigurationTarget.Global);
    await untilAsync('the echoing issues', async () => {
      await api.refresh();
      return api.store.entries().filter((e) => e.sample.group.title.startsWith('AuthError')).length === 2;
    });
  });
  after(async () => {
    for (const key of [...SETTINGS].reverse())
      await config().update(key, saved.get(key), vscode.ConfigurationTarget.Global);
    await api.secrets.delete('sentry');
    await standIn.close();
  });

  it('the tree rows and their tooltips show the title with the token redacted', () => {
    const text = treeText(api);
    assert.match(text, /AuthError: curl -H "Authorization: Bearer \[redacted\]" failed/);
    assert.ok(!text.includes(TOKEN), text);
  });

  it('the detail panel is given the title with the token redacted', async () => {
    const entry = api.store.entries().find((e) => e.sample.group.title.startsWith('AuthError'));
    assert.ok(entry);
    api.panels.show(entry.key);
    const model = await until('the panel model', () => api.panels.panel.shownModel);
    const text = JSON.stringify(model);
    assert.match(text, /Bearer \[redacted\]/);
    assert.ok(!text.includes(TOKEN), text.slice(0, 400));
  });
});

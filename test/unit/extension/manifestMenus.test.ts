// What the manifest shows when: Disconnect only for a connected provider, Retry and Open Log on every
// error row, Stop Refresh only while a refresh runs, issue commands and frame keys, activation, and the
// sample's repository in the package.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { menus: Record<string, MenuEntry[]>; keybindings: Array<{ command: string; key: string }> };
};
const menus = manifest.contributes.menus;

describe('the manifest shows each command where and when it applies', () => {
  it('offers Disconnect only for the provider that is connected', () => {
    for (const id of ['sentry', 'datadog', 'bugsnag']) {
      const command = `culprit.disconnect${id[0].toUpperCase()}${id.slice(1)}`;
      const everywhere = Object.values(menus)
        .flat()
        .filter((m) => m.command === command);
      assert.ok(everywhere.length > 0, `${command} is in a menu`);
      for (const m of everywhere) assert.match(m.when ?? '', new RegExp(`\\bculprit\\.connected\\.${id}\\b`), command);
    }
  });

  it('puts Retry and Open Log on every error row', () => {
    const onError = menus['view/item/context'].filter((m) => /viewItem == status\.error\b/.test(m.when ?? ''));
    assert.deepEqual(onError.map((m) => m.command).sort(), ['culprit.retry', 'culprit.showLog']);
    assert.ok(onError.every((m) => m.group?.startsWith('inline')));
  });

  it('swaps Refresh for Stop Refresh in the view title while a refresh runs', () => {
    const title = menus['view/title'];
    assert.match(title.find((m) => m.command === 'culprit.refresh')?.when ?? '', /!culprit\.refreshing/);
    assert.match(title.find((m) => m.command === 'culprit.cancelRefresh')?.when ?? '', /(^|[^!])culprit\.refreshing/);
    const palette = menus.commandPalette.find((m) => m.command === 'culprit.cancelRefresh');
    assert.equal(palette?.when, 'culprit.refreshing');
  });

  it('offers the issue commands in the palette only when there is an issue, and keys for next/previous frame', () => {
    for (const command of ['culprit.openDetails', 'culprit.showSuspects', 'culprit.copyIssueLink'])
      assert.equal(menus.commandPalette.find((m) => m.command === command)?.when, 'culprit.hasIssues', command);
    const keys = Object.fromEntries(manifest.contributes.keybindings.map((k) => [k.command, k.key]));
    assert.deepEqual([keys['culprit.nextFrame'], keys['culprit.previousFrame']], ['alt+f9', 'shift+alt+f9']);
  });

  it('activates on the view, a link, a restored panel and its commands, never at every startup', () => {
    assert.ok(!manifest.activationEvents.includes('onStartupFinished'));
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(manifest.activationEvents.includes('onView:culprit.errors'));
  });

  it('ships the bundled sample with its own repository', () => {
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    for (const f of ['media/sample/node-crash.txt', 'media/sample/sample-repo.bundle']) {
      assert.ok(ignore.includes(`!${f}`), `${f} is packaged`);
      assert.ok(fs.statSync(path.join(root, f)).size > 0);
    }
  });
});

/** `$(bug) 3 new` in the status bar: provider issues seen since the user last looked at the view. */
import * as vscode from 'vscode';
import type { IssueStore } from './state/issueStore';
import { VIEW_ERRORS } from './constants';

const LAST_LOOKED = 'culprit.lastLooked';

export class NewErrorsStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('culprit.newErrors', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: IssueStore,
    private readonly state: vscode.Memento,
  ) {
    this.item.name = 'Culprit: New Production Errors';
    this.item.command = { command: `${VIEW_ERRORS}.focus`, title: 'Show Production Errors' };
    store.onDidChange(() => this.render(), this, this.disposables);
    this.render();
  }

  /** The user saw the list: what is listed now is no longer new. */
  markLooked(): void {
    if (this.store.status.state === 'loading') return;
    void this.state.update(LAST_LOOKED, Date.now());
    this.render();
  }

  newCount(): number {
    const since = this.state.get<number>(LAST_LOOKED, 0);
    return this.store
      .entries()
      .filter((e) => e.origin === 'provider' && Date.parse(e.sample.group.lastSeen ?? '') > since).length;
  }

  private render(): void {
    if (!this.store.hasProvider) {
      this.item.hide();
      return;
    }
    const s = this.store.status;
    const n = this.newCount();
    if (s.state === 'error' && !s.lastOk) {
      this.item.text = '$(bug) $(warning)';
      this.item.tooltip = `Culprit: ${s.label}: ${s.message ?? 'failed'}`;
    } else {
      this.item.text = n > 0 ? `$(bug) ${n} new` : '$(bug) 0';
      const errors = `${n} production error${n === 1 ? '' : 's'}`;
      this.item.tooltip = `Culprit: ${errors} with events since you last looked (${s.label})`;
    }
    this.item.backgroundColor = n > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

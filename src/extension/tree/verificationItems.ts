/** Tree rows of Confirm by Bisect: the verdict under Suspects, its steps and what production had. */
import * as vscode from 'vscode';
import { shortSha } from '../../core/present';
import { verificationHeadline } from '../commands/verifyCommands';
import type { BisectInterruption, BisectProgress } from '../state/issueStore';
import { VerificationDetailNode, type VerificationNode } from './errorNodes';

const STEP_ICONS: Record<string, string> = { good: 'pass', bad: 'error', skip: 'debug-step-over' };
const STATUS_ICONS = {
  confirmed: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  'not-reproduced': new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  inconclusive: new vscode.ThemeIcon('question', new vscode.ThemeColor('problemsWarningIcon.foreground')),
};

const ENDED = {
  cancelled: { label: 'Bisect cancelled', icon: new vscode.ThemeIcon('circle-slash') },
  failed: {
    label: 'Bisect failed',
    icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  },
};

/** A run that ended without a verdict: what happened and that it can run again. */
function interruptedItem(node: VerificationNode, how: BisectInterruption): vscode.TreeItem {
  const item = new vscode.TreeItem(ENDED[how.kind].label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = how.message;
  item.tooltip = `${how.message}\n\nConfirm by Bisect (on Suspects) runs it again.`;
  item.iconPath = ENDED[how.kind].icon;
  item.contextValue = `verification.${how.kind}`;
  return item;
}

export function verificationItem(node: VerificationNode, running: BisectProgress | undefined): vscode.TreeItem {
  const v = node.verification;
  if (!running && node.interrupted) return interruptedItem(node, node.interrupted);
  if (!v || running) {
    const item = new vscode.TreeItem('Bisecting…', vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description =
      running && running.step > 0
        ? `step ${running.step}/${running.maxSteps} · ${running.phase} ${shortSha(running.sha)}`
        : 'preparing the scratch worktree';
    item.iconPath = new vscode.ThemeIcon('sync~spin');
    item.contextValue = 'verification.running';
    return item;
  }
  const item = new vscode.TreeItem(verificationHeadline(v), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = v.summary;
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(verificationHeadline(v)).appendMarkdown('**\n\n').appendText(v.summary);
  md.appendMarkdown('\n\nReproduction: ').appendMarkdown(`\`${v.command.replace(/`/g, "'").slice(0, 300)}\``);
  item.tooltip = md;
  item.iconPath = STATUS_ICONS[v.status];
  item.contextValue = `verification.${v.status}`;
  return item;
}

export function verificationChildren(node: VerificationNode): VerificationDetailNode[] {
  const v = node.verification;
  if (!v) return [];
  const out: VerificationDetailNode[] = v.steps.map(
    (s, i) =>
      new VerificationDetailNode(
        node,
        i,
        `${shortSha(s.sha)} ${s.result}`,
        [`${(s.ms / 1000).toFixed(1)} s`, s.note].filter(Boolean).join(' · '),
        STEP_ICONS[s.result] ?? 'circle-outline',
        `${s.sha}: ${s.result}${s.note ? ` (${s.note})` : ''}`,
      ),
  );
  for (const d of v.differs ?? [])
    out.push(new VerificationDetailNode(node, out.length, d, 'production had this', 'diff', `Production had: ${d}`));
  if (v.fixed)
    out.push(
      new VerificationDetailNode(node, out.length, `Is it fixed? ${v.fixed.summary}`, '', 'tools', v.fixed.summary),
    );
  return out;
}

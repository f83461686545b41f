/** Confirm by Bisect in the panel: the verdict, each step, what production had, and the button. */
import type { PanelModel } from '../../src/core/insights';
import { shortSha } from '../../src/core/present';
import { el, pairTable, section } from './dom';

export interface VerificationHandlers {
  confirmByBisect(button: HTMLElement): void;
}

const HEADLINES: Record<string, string> = {
  confirmed: 'Confirmed by bisect',
  'not-reproduced': 'Not reproduced here',
  inconclusive: 'Inconclusive',
};

export function renderVerification(m: PanelModel, h: VerificationHandlers): HTMLElement | null {
  const v = m.verification;
  if (!v && !m.canBisect && !m.bisecting) return null;
  const children: Array<HTMLElement | null> = [];
  if (m.bisecting) {
    children.push(el('p', { id: 'bisect-progress', className: 'busy', text: `Bisecting: ${m.bisecting}` }));
  } else if (v) {
    const runs = v.runs === null ? '' : ` · ${v.runs} run${v.runs === 1 ? '' : 's'}`;
    const commit = v.status === 'confirmed' && v.commit ? `: ${shortSha(v.commit)}` : '';
    children.push(
      el(
        'p',
        { id: 'verification-status', className: `verdict verdict-${v.status}` },
        el('strong', { text: `${HEADLINES[v.status] ?? v.status}${commit}` }),
        el('span', { text: runs }),
      ),
      v.summary ? el('p', { id: 'verification-summary', text: v.summary }) : null,
      v.command ? el('p', {}, el('span', { text: 'Reproduction: ' }), el('code', { text: v.command })) : null,
      v.steps.length ? pairTable('verification-steps', 'Bisect steps', v.steps) : null,
    );
    if (v.differs.length) {
      const list = el('ul', { id: 'verification-differs' });
      for (const d of v.differs) list.appendChild(el('li', { text: d }));
      children.push(el('p', { text: 'What production had that this reproduction does not:' }), list);
    }
    // Beside Watch fix when the panel offers it (renderInsights), else here.
    if (v.fixed && !m.actionable) children.push(el('p', { id: 'verification-fixed', text: `Is it fixed? ${v.fixed}` }));
  } else {
    children.push(
      el('p', {
        text: 'Replays the failure at the deploy range’s ends, then bisects it in a scratch worktree outside your checkout.',
      }),
    );
  }
  if (m.canBisect && !m.bisecting) {
    const b = el('vscode-button', {
      id: 'action-bisect',
      text: v ? 'Run again' : 'Confirm by Bisect',
      attrs: { 'aria-label': 'Confirm the suspect by bisecting the deploy range', ...(v ? { secondary: '' } : {}) },
    });
    b.addEventListener('click', () => {
      if (!b.hasAttribute('disabled')) h.confirmByBisect(b);
    });
    children.push(b);
  }
  return section('verification', 'Verification', ...children);
}

/** Renders the interactive parts: actions, fix verification, and the "What differs" table. */
import type { PanelModel, TagComparison } from '../../src/core/insights';
import type { PanelIssueAction } from '../../src/extension/panel/panelProtocol';
import { el, section } from './dom';

export interface InsightHandlers {
  issueAction(action: PanelIssueAction, button: HTMLElement): void;
  createRegressionTest(button: HTMLElement): void;
  watchFix(button: HTMLElement): void;
  whatDiffers(button: HTMLElement): void;
}

function button(
  id: string,
  label: string,
  aria: string,
  onClick: (b: HTMLElement) => void,
  secondary = false,
): HTMLElement {
  const b = el('vscode-button', {
    id,
    text: label,
    attrs: { 'aria-label': aria, ...(secondary ? { secondary: '' } : {}) },
  });
  b.addEventListener('click', () => {
    if (!b.hasAttribute('disabled')) onClick(b);
  });
  return b;
}

export function renderActions(m: PanelModel, h: InsightHandlers): HTMLElement {
  const bar = el('div', { id: 'actions', attrs: { role: 'toolbar', 'aria-label': 'Issue actions' } });
  if (m.actionable) {
    bar.appendChild(
      button(
        'action-resolve',
        'Resolve…',
        'Resolve this issue (asks for confirmation)',
        (b) => h.issueAction({ kind: 'resolve' }, b),
        true,
      ),
    );
    bar.appendChild(
      button(
        'action-resolve-next',
        'Resolve in next release…',
        'Resolve this issue in the next release (asks for confirmation)',
        (b) => h.issueAction({ kind: 'resolveInNextRelease' }, b),
        true,
      ),
    );
    bar.appendChild(
      button(
        'action-ignore',
        'Ignore…',
        'Ignore this issue (asks for confirmation)',
        (b) => h.issueAction({ kind: 'ignore' }, b),
        true,
      ),
    );
    const who = el('vscode-textfield', {
      id: 'assignee',
      attrs: { placeholder: 'user, email or id', 'aria-label': 'Assignee' },
    }) as HTMLElement & { value: string };
    bar.appendChild(who);
    bar.appendChild(
      button(
        'action-assign',
        'Assign',
        'Assign this issue to the user typed beside',
        (b) => {
          const assignee = String(who.value ?? '').trim();
          if (!assignee) {
            setStatus('Type a user to assign first.', true);
            who.focus();
            return;
          }
          h.issueAction({ kind: 'assign', assignee }, b);
        },
        true,
      ),
    );
  }
  if (m.canCreateRegressionTest)
    bar.appendChild(
      button(
        'action-regression-test',
        'Create regression test',
        'Create a regression test from the failing request',
        h.createRegressionTest,
        true,
      ),
    );
  if (m.actionable)
    bar.appendChild(
      button('action-watch-fix', 'Watch fix', 'Watch this issue for events after the fix', h.watchFix, true),
    );
  const fix = el('p', { id: 'fix-status', text: m.fixStatus?.text ?? '', attrs: { role: 'status' } });
  if (m.fixStatus) fix.setAttribute('data-kind', m.fixStatus.status.kind);
  // The bisect's reproduction on HEAD and the working tree answers "is it fixed?" beside Watch fix.
  const fixed =
    m.actionable && m.verification?.fixed
      ? el('p', { id: 'verification-fixed', text: `Is it fixed? ${m.verification.fixed}` })
      : null;
  return el(
    'div',
    { id: 'action-area' },
    bar,
    fix,
    fixed,
    el('p', { id: 'action-status', attrs: { role: 'status', 'aria-live': 'polite' } }),
  );
}

/** Shows the outcome of the last action in the status line. */
export function setStatus(text: string, isError = false): void {
  const s = document.getElementById('action-status');
  if (!s) return;
  s.textContent = text;
  s.classList.toggle('error', isError);
}

export function setFixStatus(kind: string, text: string): void {
  const f = document.getElementById('fix-status');
  if (!f) return;
  f.textContent = text;
  f.setAttribute('data-kind', kind);
}

export function renderWhatDiffersSection(m: PanelModel, h: InsightHandlers): HTMLElement {
  const body = el('div', { id: 'what-differs-body' });
  if (m.comparison) body.appendChild(renderComparison(m.comparison));
  else if (m.actionable)
    body.appendChild(
      button(
        'what-differs-load',
        'Compare failing events with the baseline',
        'Compare tag values of failing events with the baseline',
        h.whatDiffers,
        true,
      ),
    );
  else body.appendChild(el('p', { text: 'Only issues from Sentry or Datadog have tag distributions to compare.' }));
  return section('what-differs', 'What differs', body);
}

const pct = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)}%`);

/** The comparison table; says plainly when there is no baseline. */
export function renderComparison(c: TagComparison): HTMLElement {
  const wrap = el('div', { id: 'what-differs-result' });
  wrap.appendChild(
    el('p', {
      id: 'what-differs-baseline',
      className: c.baseline.available ? 'baseline' : 'baseline missing',
      text: c.baseline.available ? `Baseline: ${c.baseline.label}` : `No baseline: ${c.baseline.reason}`,
    }),
  );
  if (!c.tags.length) {
    wrap.appendChild(el('p', { text: 'The failing events carry none of the compared tags.' }));
    return wrap;
  }
  const head = el(
    'tr',
    {},
    ...['Tag', 'Value', 'In failures', 'Baseline', 'Lift'].map((t) => el('th', { text: t, attrs: { scope: 'col' } })),
  );
  const body = el('tbody');
  for (const t of c.tags) {
    for (const v of t.values.slice(0, 5)) {
      body.appendChild(
        el(
          'tr',
          {
            className: v.overRepresented ? 'over' : '',
            attrs: { 'data-tag': t.key, 'data-over': String(v.overRepresented) },
          },
          el('th', { text: t.key, attrs: { scope: 'row' } }),
          el('td', {}, el('code', { text: v.value })),
          el('td', { text: `${pct(v.failingShare)} (${v.failingCount})` }),
          el('td', { text: t.hasBaseline ? `${pct(v.baselineShare)} (${v.baselineCount ?? 0})` : 'no baseline' }),
          el('td', { text: v.lift === null ? '—' : `${v.lift.toFixed(1)}×${v.overRepresented ? ' ▲' : ''}` }),
        ),
      );
    }
  }
  wrap.appendChild(
    el(
      'table',
      { id: 'what-differs-table' },
      el('caption', { text: 'Tag values in failing events beside the baseline; ▲ marks over-represented values' }),
      el('thead', {}, head),
      body,
    ),
  );
  return wrap;
}

/** Renders the issue's facts: header, stack with variables, request, breadcrumbs, suspects. */
import type { PanelFrame, PanelModel, PanelRequest, PanelSuspect } from '../../src/core/insights';
import { el, pairTable, section, when } from './dom';
import { shortSha } from '../../src/core/present';

/** What the rendered elements can ask of the host. */
export interface IssueHandlers {
  openFrame(frameIndex: number): void;
  openSuspectDiff(s: PanelSuspect): void;
  openProvider(): void;
}

function fmtCount(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString() : '—';
}

export function renderHeader(m: PanelModel, h: IssueHandlers): HTMLElement {
  const meta = el('dl', { id: 'issue-meta' });
  const add = (field: string, label: string, value: string): void => {
    meta.appendChild(
      el('div', { attrs: { 'data-field': field } }, el('dt', { text: label }), el('dd', { text: value })),
    );
  };
  add('count', 'Events', fmtCount(m.count));
  add('users', 'Users', fmtCount(m.userCount));
  add('first-seen', 'First seen', when(m.firstSeen));
  add('last-seen', 'Last seen', when(m.lastSeen));
  add('release', 'Release', m.release ?? '—');
  add('environment', 'Environment', m.environment ?? '—');
  if (m.status) add('status', 'Status', m.status);
  // Short SHAs, as the tree and the hovers show them.
  const short = (sha: string | null) => (sha && /^[0-9a-f]{40}$/i.test(sha) ? shortSha(sha) : (sha ?? '?'));
  if (m.deploy)
    add(
      'deploy',
      'Deploy range',
      m.deploy.label ?? `${short(m.deploy.from)}..${short(m.deploy.to)} (${m.deploy.source})`,
    );
  if (m.server) add('server', 'Server', m.server);
  let link: HTMLElement | null = null;
  if (m.providerUrl) {
    link = el('vscode-button', {
      id: 'provider-link',
      text: `Open in ${m.providerLabel}`,
      attrs: { secondary: '', 'aria-label': `Open this issue in ${m.providerLabel}` },
    });
    link.addEventListener('click', () => h.openProvider());
  }
  return el(
    'header',
    { id: 'issue-header' },
    el('h1', { id: 'issue-title', text: m.title }),
    m.message && m.message !== m.title ? el('p', { id: 'issue-message', text: m.message }) : null,
    meta,
    link,
  );
}

/** Tags, user and server first, as Sentry's issue page leads with them. */
export function renderContext(m: PanelModel): HTMLElement | null {
  const user = Array.isArray(m.user) ? m.user : [];
  if (!m.tags.length && !user.length) return null;
  return section(
    'context',
    'Tags and user',
    m.tags.length ? pairTable('event-tags', 'Event tags', m.tags) : null,
    user.length ? el('h3', { text: 'User' }) : null,
    user.length ? pairTable('event-user', 'Affected user', user) : null,
  );
}

function frameLabel(f: PanelFrame): string {
  const where = f.file ? `${f.file}${f.line !== null ? `:${f.localLine ?? f.line}` : ''}` : f.raw;
  return `${f.function ?? '<anonymous>'} — ${where}`;
}

export function renderStack(m: PanelModel, h: IssueHandlers): HTMLElement {
  const list = el('ol', { id: 'frames', attrs: { 'aria-label': 'Stack frames, crashing frame first' } });
  for (const f of m.frames) {
    const item = el('li', {
      className: f.inApp ? 'frame in-app' : 'frame library',
      attrs: { 'data-frame-index': String(f.index) },
    });
    const button = el('button', {
      className: 'frame-open',
      text: frameLabel(f),
      attrs: {
        type: 'button',
        'data-frame-index': String(f.index),
        'aria-label': `Open frame ${f.index + 1}: ${frameLabel(f)}`,
      },
    });
    if (!f.resolved) button.setAttribute('aria-disabled', 'true');
    button.addEventListener('click', () => h.openFrame(f.index));
    item.appendChild(button);
    if (!f.inApp) item.appendChild(el('span', { className: 'badge', text: 'library' }));
    // How the line was placed and whether it changed after the deploy: text, never markup.
    for (const [note, cls] of [
      [f.changed, 'frame-note changed'],
      [f.placement, 'frame-note placement'],
    ] as const)
      if (note) item.appendChild(el('p', { className: cls, text: note }));
    if (f.vars.length > 0) {
      const details = el(
        'details',
        { className: 'vars' },
        el('summary', { text: `Local variables (${f.vars.length})` }),
        pairTable(`vars-${f.index}`, `Variables of frame ${f.index + 1}`, f.vars),
      );
      item.appendChild(details);
    }
    list.appendChild(item);
  }
  return section('stack', 'Stack', m.frames.length ? list : el('p', { text: 'No stack frames in this event.' }));
}

export function renderRequest(r: PanelRequest | null): HTMLElement {
  if (!r) return section('request', 'Failing request', el('p', { text: 'This event carries no HTTP request.' }));
  return section(
    'request',
    'Failing request',
    el(
      'p',
      {},
      el('code', { id: 'request-method', text: r.method ?? '?' }),
      document.createTextNode(' '),
      el('code', { id: 'request-url', text: r.url ?? '?' }),
    ),
    r.query.length ? el('h3', { text: 'Query' }) : null,
    r.query.length ? pairTable('request-query', 'Query parameters', r.query) : null,
    el('h3', { text: 'Headers (credentials removed)' }),
    pairTable('request-headers', 'Request headers', r.headers),
    r.body !== null ? el('h3', { text: 'Body' }) : null,
    r.body !== null
      ? el(
          'pre',
          { id: 'request-body', className: r.bodyIsJson ? 'json' : 'text', attrs: { tabindex: '0' } },
          el('code', { text: r.body }),
        )
      : null,
  );
}

export function renderBreadcrumbs(m: PanelModel): HTMLElement {
  if (!m.breadcrumbs.length) return section('breadcrumbs', 'Breadcrumbs', el('p', { text: 'No breadcrumbs.' }));
  const list = el('ol', {
    id: 'breadcrumb-list',
    className: 'timeline',
    attrs: { 'aria-label': 'Breadcrumbs, oldest first' },
  });
  for (const b of m.breadcrumbs) {
    list.appendChild(
      el(
        'li',
        { className: `crumb level-${(b.level ?? 'info').replace(/[^a-z]/gi, '')}` },
        el('time', { text: when(b.timestamp), attrs: b.timestamp ? { datetime: b.timestamp } : {} }),
        el('span', { className: 'crumb-category', text: b.category ?? '' }),
        el('span', { className: 'crumb-message', text: b.message ?? '' }),
        b.data ? el('code', { className: 'crumb-data', text: b.data }) : null,
      ),
    );
  }
  return section('breadcrumbs', 'Breadcrumbs', list);
}

/** The files a suspect commit changed, each a button opening its diff at the first changed line. */
function changedFiles(s: PanelSuspect, h: IssueHandlers): HTMLElement | null {
  if (!s.files?.length) return null;
  const list = el('ul', { className: 'changed-files' });
  for (const f of s.files) {
    const open = el('button', {
      className: 'frame-open changed-file',
      // No line number: the diff opens at the commit's own first change, not at a line of today's file.
      text: f.path,
      attrs: {
        type: 'button',
        'data-file': f.path,
        title: `Open the diff of ${f.path} in ${s.shortSha} at its first change`,
        'aria-label': `Open the diff of ${f.path} in ${s.shortSha}`,
      },
    });
    open.addEventListener('click', () => h.openSuspectDiff({ ...s, file: f.path, line: f.line }));
    list.appendChild(el('li', {}, open, el('span', { className: 'file-stat', text: `+${f.added}/−${f.removed}` })));
  }
  if (s.moreFiles) list.appendChild(el('li', { className: 'more-files', text: `and ${s.moreFiles} more files` }));
  const n = s.files.length + (s.moreFiles ?? 0);
  return el('div', {}, el('h3', { text: `${n} file${n === 1 ? '' : 's'} changed` }), list);
}

export function renderSuspects(m: PanelModel, h: IssueHandlers): HTMLElement {
  if (!m.suspects.length) {
    // The reason comes from the triage (git not run, a failed blame, the deadline); never a blank.
    const why = m.suspectsNote ?? 'ranking…';
    return section(
      'suspects',
      'Suspect commits',
      el('p', { id: 'suspects-note', text: `${why.charAt(0).toUpperCase()}${why.slice(1)}` }),
    );
  }
  const list = el('ol', { id: 'suspect-list' });
  for (const [rank, s] of m.suspects.entries()) {
    const diff = el('vscode-button', {
      className: 'open-diff',
      text: 'Open diff',
      attrs: { 'data-sha': s.sha, 'aria-label': `Open diff of ${s.shortSha}` },
    });
    diff.addEventListener('click', () => h.openSuspectDiff(s));
    const reasons = el('ul', { className: 'reasons' });
    for (const r of s.reasons) reasons.appendChild(el('li', { text: r }));
    // "Why this suspect": every reason, every file the commit changed (each opening the diff at
    // its first hunk), and the bisect steps once a replay confirmed it.
    const why = el(
      'details',
      { className: 'why', attrs: rank === 0 ? { open: '' } : {} },
      el('summary', { text: `Why this suspect (${s.reasons.length} reason${s.reasons.length === 1 ? '' : 's'})` }),
      reasons,
      changedFiles(s, h),
      s.confirmed && m.verification?.steps.length
        ? pairTable(`bisect-${s.shortSha}`, 'Bisect steps', m.verification.steps)
        : null,
    );
    list.appendChild(
      el(
        'li',
        { className: 'suspect', attrs: { 'data-sha': s.sha } },
        el(
          'div',
          { className: 'suspect-head' },
          el('code', { text: s.shortSha }),
          el('span', { className: 'score', text: s.confirmed ? 'confirmed' : s.probability }),
          el('span', { text: s.summary }),
        ),
        el('div', { className: 'suspect-meta', text: `${s.author} · ${when(s.date)}` }),
        why,
        diff,
      ),
    );
  }
  // The ranking's own doubt comes before the list: "low confidence: uncertain between A and B".
  const verdict = m.verdict
    ? el('p', { className: `ranking-verdict${/^low\b/.test(m.verdict) ? ' low' : ''}`, text: m.verdict })
    : null;
  return section('suspects', 'Suspect commits', verdict, list);
}

/** Maps a sample and its triage to the detail panel's view model (pure; secrets stripped). */
import type { Breadcrumb, RequestInfo } from '../model/event.types';
import type { ErrorSample } from '../model/group.types';
import type { TriagedIssue } from '../model/triage.types';
import { flattenFrames, primaryException } from '../triage/frameSelection';
import { type FixStatus, describeFixStatus } from './fixStatus';
import type { PanelBreadcrumb, PanelFrame, PanelModel, PanelRequest, PanelSuspect } from './panelModel.types';
import { isSecretHeader, stripSecretHeaders } from './secretHeaders';
import { everyReason, noSuspectsReason, probabilityText, shortSha, verdictText } from '../present/issueSummary';
import { changedSinceText } from '../present/changedSince';
import { placementText } from '../present/placement';
import { panelContext } from './panelContext';
import { runtimeFacts } from './runtimeContext';
import type { TagComparison } from './tagComparison.types';

const MAX_TEXT = 4_000;
const MAX_BODY = 64 * 1024;
const MAX_VARS = 50;
const MAX_FRAMES = 200;
const MAX_CRUMBS = 100;
/** Most reasons a suspect shows in the panel; past it, one line says where the rest are. */
const MAX_PANEL_REASONS = 100;

/** Every reason, the links past the first three included (the panel's "why this suspect"). */
function panelReasons(all: string[]): string[] {
  if (all.length <= MAX_PANEL_REASONS) return all;
  const cut = MAX_PANEL_REASONS - 1;
  return [...all.slice(0, cut), `and ${all.length - cut} more: the Suspects view lists every one`];
}

const PROVIDER_LABELS: Record<string, string> = {
  sentry: 'Sentry',
  datadog: 'Datadog',
  bugsnag: 'Bugsnag',
  file: 'file',
};

/** Optional inputs computed elsewhere. */
export interface PanelExtras {
  comparison?: TagComparison | null;
  fixStatus?: FixStatus | null;
  /** Why the triage failed, when it did (the panel says so where the suspects would be). */
  triageError?: string | null;
  /** Whether its provider can resolve, ignore and assign it (the front end asks the provider registry). */
  actionable?: boolean;
}

function text(v: unknown, max = MAX_TEXT): string | null {
  if (v === null || v === undefined) return null;
  const s = typeof v === 'string' ? v : String(v);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** Compact JSON of any value, bounded; never throws (cycles, BigInt). */
function renderValue(v: unknown, max = 2_000, indent?: number): string {
  if (typeof v === 'string') return text(v, max) ?? '';
  let out: string | undefined;
  try {
    out = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x), indent);
  } catch {
    out = undefined;
  }
  return text(out ?? String(v), max) ?? '';
}

function httpUrl(u: unknown): string | null {
  if (typeof u !== 'string' || u.length > 4096) return null;
  try {
    const url = new URL(u);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The URL without `user:pass@` and with secret-looking query values masked. */
function safeUrl(raw: string | null): string | null {
  if (!raw) return null;
  const s = raw.slice(0, 8192);
  try {
    const u = new URL(s);
    u.username = '';
    u.password = '';
    for (const k of [...u.searchParams.keys()]) if (isSecretHeader(k)) u.searchParams.set(k, '[redacted]');
    return u.toString();
  } catch {
    return s;
  }
}

function queryPairs(q: string | null): Array<[string, string]> {
  if (!q) return [];
  const out: Array<[string, string]> = [];
  for (const [k, v] of new URLSearchParams(q.slice(0, 8192).replace(/^\?/, ''))) {
    if (out.length >= 100) break;
    out.push([k, isSecretHeader(k) ? '[redacted]' : v]);
  }
  return out;
}

function toRequest(req: RequestInfo | null): PanelRequest | null {
  if (!req) return null;
  let body: string | null = null;
  let bodyIsJson = false;
  if (typeof req.data === 'string') {
    body = req.data;
    try {
      if (body.length <= MAX_BODY && /^\s*[[{]/.test(body)) {
        body = JSON.stringify(JSON.parse(body), null, 2);
        bodyIsJson = true;
      }
    } catch {
      // Not JSON: shown as sent.
    }
  } else if (req.data !== null && req.data !== undefined) {
    body = renderValue(req.data, MAX_BODY, 2);
    bodyIsJson = true;
  }
  return {
    method: text(req.method, 20),
    url: safeUrl(text(req.url, 8192)),
    query: queryPairs(text(req.query, 8192)),
    headers: stripSecretHeaders(req.headers).map(([k, v]) => [text(k, 200) ?? '', text(v, 2000) ?? '']),
    body: body === null ? null : text(body, MAX_BODY),
    bodyIsJson,
  };
}

function toCrumb(b: Breadcrumb): PanelBreadcrumb {
  return {
    timestamp: text(b?.timestamp, 64),
    category: text(b?.category, 200),
    level: text(b?.level, 40),
    message: text(b?.message),
    data: b?.data && Object.keys(b.data).length > 0 ? renderValue(b.data) : null,
  };
}

/**
 * Builds the panel model. Frames come from the triage when there is one (workspace paths, local
 * lines), else from the event; both use the same flattened order, so `index` is stable for
 * `openFrame`. Headers lose credentials here, before anything reaches the webview.
 */
export function toPanelModel(sample: ErrorSample, issue: TriagedIssue | null, extras: PanelExtras = {}): PanelModel {
  const { group, event } = sample;
  const raw = flattenFrames(Array.isArray(event.exceptions) ? event.exceptions : []).slice(0, MAX_FRAMES);
  const triaged = issue?.frames ?? [];
  const frames: PanelFrame[] = raw.map((f, index) => {
    const t = triaged[index];
    const vars =
      f.vars && typeof f.vars === 'object'
        ? Object.entries(f.vars)
            .slice(0, MAX_VARS)
            .map(([k, v]): [string, string] => [text(k, 200) ?? '', renderValue(v)])
        : [];
    return {
      index,
      function: text(t?.function ?? f.function, 500),
      file: text(t?.file ?? f.path, 1000),
      line: t?.line ?? f.line,
      column: t?.column ?? f.column,
      localLine: t?.localLine ?? null,
      placement: t && t.placedBy !== 'line-number' ? text(placementText(t), 600) : null,
      changed: t ? text(changedSinceText(t.changedSince), 600) : null,
      inApp: t ? t.inApp : f.inApp === true,
      resolved: !!t?.file,
      raw: text(f.raw, 2000) ?? '',
      vars,
    };
  });
  const top = frames.find((f) => f.inApp && f.resolved) ?? null;
  const context = panelContext(event, issue);
  const suspects: PanelSuspect[] = (issue?.suspects ?? []).slice(0, 20).map((s) => ({
    sha: s.sha,
    shortSha: shortSha(s.sha),
    author: text(s.author, 300) ?? '',
    date: s.date,
    summary: text(s.summary, 500) ?? '',
    score: Math.round(Math.max(0, Math.min(1, s.score)) * 100),
    probability: probabilityText(s),
    reasons: panelReasons(everyReason(s)).map((r) => text(r, 500) ?? ''),
    confirmed: context.verification?.status === 'confirmed' && context.verification.commit === s.sha,
    file: top?.file ?? null,
    line: top ? (top.localLine ?? top.line) : null,
  }));
  const ex = Array.isArray(event.exceptions) ? primaryException(event) : null;
  const request = toRequest(event.request);
  const fix = extras.fixStatus ?? null;
  return {
    issueId: group.id,
    source: group.source,
    title: text(group.title, 500) ?? '(untitled)',
    // The exception's own words first: an SDK event's `message` is usually empty for exceptions.
    message: text(ex ? [ex.type, ex.value].filter((x) => x).join(': ') || event.message : event.message),
    exceptionType: text(ex?.type ?? null, 300),
    count: group.count,
    userCount: group.userCount,
    firstSeen: group.firstSeen,
    lastSeen: group.lastSeen,
    release: text(group.release ?? event.release, 300),
    environment: text(group.environment ?? event.environment, 200),
    status: text(group.status, 60),
    providerUrl: httpUrl(group.url),
    providerLabel: PROVIDER_LABELS[group.source] ?? text(group.source, 40) ?? 'provider',
    deploy: issue
      ? {
          from: issue.deploy.from,
          to: issue.deploy.to,
          source: issue.deploy.source,
          guessed: issue.deploy.guessed === true,
          label: text(issue.deploy.label ?? null, 300),
        }
      : null,
    tags: Object.entries(event.tags ?? {})
      .slice(0, 100)
      .map(([k, v]): [string, string] => [text(k, 200) ?? '', text(v, 1000) ?? '']),
    user: context.user,
    server: context.server,
    verification: context.verification,
    frames,
    request,
    breadcrumbs: (Array.isArray(event.breadcrumbs) ? event.breadcrumbs : []).slice(-MAX_CRUMBS).map(toCrumb),
    suspects,
    suspectsNote: issue
      ? text(noSuspectsReason(issue), 1000)
      : extras.triageError
        ? text(`not triaged: ${extras.triageError}`, 1000)
        : null,
    verdict: issue ? text(verdictText(issue), 500) : null,
    comparison: extras.comparison ?? null,
    runtime: runtimeFacts(event),
    resources: null,
    fixStatus: fix ? { status: fix, text: describeFixStatus(fix) } : null,
    actionable: !!extras.actionable,
    canCreateRegressionTest: !!request && !!(request.url || request.method),
  };
}

/**
 * The one message protocol between the detail panel's host and its webview. Both sides import this
 * file (it must stay free of `vscode` and DOM APIs), and both validate every inbound message with
 * the parsers below before acting on it. Flow: the view posts `ready`; only then does the host post
 * `render`. View requests carry a `requestId`; the host answers each with one `response`.
 */
import type { FixStatus, PanelModel, ResourceMetrics, TagComparison } from '../../core/insights';

/** Issue actions the panel offers; `ignore` is confirmed by the host before it runs. */
export type PanelIssueAction =
  { kind: 'resolve' } | { kind: 'resolveInNextRelease' } | { kind: 'ignore' } | { kind: 'assign'; assignee: string };

// ---- view → host -------------------------------------------------------------------------------

export type ViewToHost =
  | { type: 'ready' }
  | { type: 'openFrame'; requestId: number; issueId: string; frameIndex: number }
  | {
      type: 'openSuspectDiff';
      requestId: number;
      issueId: string;
      sha: string;
      file: string | null;
      line: number | null;
    }
  | { type: 'issueAction'; requestId: number; issueId: string; action: PanelIssueAction }
  | { type: 'createRegressionTest'; requestId: number; issueId: string }
  | { type: 'whatDiffers'; requestId: number; issueId: string }
  | { type: 'resources'; requestId: number; issueId: string }
  | { type: 'fixStatus'; requestId: number; issueId: string; startWatching: boolean }
  | { type: 'openExternal'; requestId: number; url: string }
  | { type: 'confirmByBisect'; requestId: number; issueId: string };

/** Requests (every view message but `ready`). */
export type ViewRequest = Exclude<ViewToHost, { type: 'ready' }>;

/** What the host answers to each request type, on success. */
export interface ResponseResults {
  openFrame: null;
  openSuspectDiff: null;
  issueAction: { message: string; status: string | null };
  createRegressionTest: { relPath: string };
  whatDiffers: TagComparison;
  resources: ResourceMetrics;
  fixStatus: { status: FixStatus; text: string };
  openExternal: null;
  /** The verdict's status (null when it did not run: refused, cancelled) and one line for the status. */
  confirmByBisect: { status: string | null; message: string };
}

// ---- host → view -------------------------------------------------------------------------------

export type HostToView =
  | { type: 'render'; model: PanelModel }
  | { type: 'response'; requestId: number; ok: true; result: ResponseResults[ViewRequest['type']] }
  | { type: 'response'; requestId: number; ok: false; error: string }
  | { type: 'fixStatus'; issueId: string; status: FixStatus; text: string };

// ---- validation ---------------------------------------------------------------------------------

const MAX_ID = 512;
const MAX_URL = 4096;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isReqId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isLine = (v: unknown): v is number | null =>
  v === null || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);

function parseAction(v: unknown): PanelIssueAction | null {
  if (!isRec(v)) return null;
  const kind = v.kind as PanelIssueAction['kind'];
  switch (kind) {
    case 'resolve':
    case 'resolveInNextRelease':
    case 'ignore':
      return { kind };
    case 'assign':
      return isStr(v.assignee, 256) && v.assignee.trim() !== '' ? { kind, assignee: v.assignee.trim() } : null;
    default: {
      const never: never = kind;
      void never;
      return null;
    }
  }
}

/** A valid view → host message rebuilt from known fields only, or null. The host drops nulls. */
export function parseViewMessage(raw: unknown): ViewToHost | null {
  if (!isRec(raw) || typeof raw.type !== 'string') return null;
  const type = raw.type as ViewToHost['type'];
  if (type === 'ready') return { type };
  const requestId = raw.requestId;
  if (!isReqId(requestId)) return null;
  if (type === 'openExternal')
    return isStr(raw.url, MAX_URL) && /^https?:\/\//i.test(raw.url) ? { type, requestId, url: raw.url } : null;
  const issueId = raw.issueId;
  if (!isStr(issueId, MAX_ID)) return null;
  switch (type) {
    case 'openFrame':
      return typeof raw.frameIndex === 'number' && Number.isSafeInteger(raw.frameIndex) && raw.frameIndex >= 0
        ? { type, requestId, issueId, frameIndex: raw.frameIndex }
        : null;
    case 'openSuspectDiff': {
      const file = raw.file === null || raw.file === undefined ? null : raw.file;
      const line = raw.line === undefined ? null : raw.line;
      if (
        !isStr(raw.sha, 64) ||
        !/^[0-9a-f]{4,64}$/i.test(raw.sha) ||
        (file !== null && !isStr(file, MAX_URL)) ||
        !isLine(line)
      )
        return null;
      return { type, requestId, issueId, sha: raw.sha, file, line };
    }
    case 'issueAction': {
      const action = parseAction(raw.action);
      return action ? { type, requestId, issueId, action } : null;
    }
    case 'createRegressionTest':
    case 'whatDiffers':
    case 'resources':
    case 'confirmByBisect':
      return { type, requestId, issueId };
    case 'fixStatus':
      return typeof raw.startWatching === 'boolean'
        ? { type, requestId, issueId, startWatching: raw.startWatching }
        : null;
    default: {
      const never: never = type;
      void never;
      return null;
    }
  }
}

/**
 * A valid host → view message, or null. The model is checked for the fields the view indexes;
 * the view still renders every string with textContent, so a wrong-but-typed value cannot inject.
 */
export function parseHostMessage(raw: unknown): HostToView | null {
  if (!isRec(raw) || typeof raw.type !== 'string') return null;
  const type = raw.type as HostToView['type'];
  switch (type) {
    case 'render': {
      const m = raw.model;
      if (
        !isRec(m) ||
        !isStr(m.issueId, MAX_ID) ||
        typeof m.title !== 'string' ||
        !Array.isArray(m.frames) ||
        !Array.isArray(m.breadcrumbs) ||
        !Array.isArray(m.suspects) ||
        !Array.isArray(m.tags)
      )
        return null;
      return { type, model: m as unknown as PanelModel };
    }
    case 'response':
      if (!isReqId(raw.requestId)) return null;
      if (raw.ok === true)
        return {
          type,
          requestId: raw.requestId,
          ok: true,
          result: (raw.result ?? null) as ResponseResults[ViewRequest['type']],
        };
      if (raw.ok === false)
        return {
          type,
          requestId: raw.requestId,
          ok: false,
          error: typeof raw.error === 'string' ? raw.error.slice(0, 2000) : 'failed',
        };
      return null;
    case 'fixStatus':
      if (!isStr(raw.issueId, MAX_ID) || !isRec(raw.status) || typeof raw.text !== 'string') return null;
      return { type, issueId: raw.issueId, status: raw.status as FixStatus, text: raw.text.slice(0, 500) };
    default: {
      const never: never = type;
      void never;
      return null;
    }
  }
}

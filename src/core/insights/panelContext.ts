/** The panel's "who and where": the affected user, the server, and a bisect result when one ran. */
import type { ErrorEvent } from '../model/event.types';
import type { TriagedIssue } from '../model/triage.types';
import type { PanelVerification } from './panelModel.types';
import { shortSha } from '../present/issueSummary';

const USER_FIELDS = ['id', 'username', 'email', 'ip_address', 'name', 'segment'];
const SERVER_TAGS = ['server_name', 'host', 'hostname', 'pod_name', 'container_name'];

export interface PanelContext {
  user: Array<[string, string]>;
  server: string | null;
  verification: PanelVerification | null;
}

function str(v: unknown, max: number): string | null {
  if (v === null || v === undefined || v === '') return null;
  let s: string;
  try {
    s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

export function panelContext(event: ErrorEvent, issue: TriagedIssue | null): PanelContext {
  const u = event.user && typeof event.user === 'object' ? event.user : {};
  const user = USER_FIELDS.flatMap((k): Array<[string, string]> => {
    const v = str((u as Record<string, unknown>)[k], 300);
    return v ? [[k, v]] : [];
  });
  const tags = event.tags ?? {};
  const ctx = event.contexts as Record<string, { name?: unknown; host?: unknown } | undefined> | undefined;
  const server =
    SERVER_TAGS.map((k) => str(tags[k], 300)).find((v) => v !== null) ??
    str(ctx?.server?.name, 300) ??
    str(ctx?.host?.name ?? ctx?.host?.host, 300) ??
    null;
  const raw = (issue as { verification?: unknown } | null)?.verification as
    { status?: unknown; commit?: unknown; steps?: unknown; summary?: unknown; command?: unknown } | undefined;
  const more = raw as { runs?: unknown; differs?: unknown; fixed?: { summary?: unknown } } | undefined;
  const verification: PanelVerification | null =
    raw && typeof raw.status === 'string'
      ? {
          status: raw.status.slice(0, 40),
          commit: typeof raw.commit === 'string' ? raw.commit : null,
          steps: (Array.isArray(raw.steps) ? raw.steps : []).slice(0, 64).flatMap((s): Array<[string, string]> => {
            const step = s as { sha?: unknown; result?: unknown; ms?: unknown; note?: unknown };
            if (typeof step?.sha !== 'string' || typeof step.result !== 'string') return [];
            const ms =
              typeof step.ms === 'number' && Number.isFinite(step.ms) ? ` · ${(step.ms / 1000).toFixed(1)} s` : '';
            const note = str(step.note, 200);
            return [[shortSha(step.sha), `${step.result.slice(0, 20)}${ms}${note ? ` · ${note}` : ''}`]];
          }),
          summary: str(raw.summary, 500) ?? '',
          command: str(raw.command, 2000) ?? '',
          runs: typeof more?.runs === 'number' && Number.isFinite(more.runs) ? more.runs : null,
          differs: (Array.isArray(more?.differs) ? more.differs : [])
            .slice(0, 20)
            .flatMap((d) => (typeof d === 'string' ? [d.slice(0, 300)] : [])),
          fixed: str(more?.fixed?.summary, 300),
        }
      : null;
  return { user, server, verification };
}

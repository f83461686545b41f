/** Provider-neutral issue actions (resolve, ignore, assign) over the Sentry and Datadog sources. */
import { CulpritError } from '../errors';
import type { DatadogSource } from '../providers/datadog/datadog.types';
import { DATADOG_WRITE_SCOPE } from '../providers/datadog/datadogApi';
import { SENTRY_WRITE_SCOPE } from '../providers/sentry/sentryApi';
import type { SentrySource } from '../providers/sentry/sentry.types';

/** What the provider reports after an action. */
export interface IssueActionResult {
  issueId: string;
  /** Provider status after the change (`resolved`, `RESOLVED`…), when it said. */
  status: string | null;
  /** One line for a notification: `Resolved issue 1001 in Sentry`. */
  message: string;
}

/**
 * One interface for every provider. Methods throw a CulpritError with a message a person can act
 * on (`forbidden`: the token lacks the write scope; `not-found`: the issue is gone).
 */
export interface IssueActions {
  readonly provider: string;
  resolve(issueId: string, signal?: AbortSignal): Promise<IssueActionResult>;
  /** Resolved until a newer release sees it again (Datadog does this for every resolved issue). */
  resolveInNextRelease(issueId: string, signal?: AbortSignal): Promise<IssueActionResult>;
  ignore(issueId: string, signal?: AbortSignal): Promise<IssueActionResult>;
  /** Back to unresolved / open: the Undo of resolve and ignore. */
  reopen(issueId: string, signal?: AbortSignal): Promise<IssueActionResult>;
  /** `who`: Sentry `user:<id>`, `team:<id>`, username or email; Datadog a user UUID. */
  assign(issueId: string, who: string, signal?: AbortSignal): Promise<IssueActionResult>;
}

/** Rewords provider errors for the action that failed; other errors pass through unchanged. */
function explain(e: unknown, provider: 'Sentry' | 'Datadog', action: string, issueId: string): never {
  if (!CulpritError.is(e)) throw e;
  const what = `${provider} could not ${action} issue ${issueId}`;
  const details = { ...e.details, cause: e.message };
  if (e.reason === 'forbidden') {
    const missing =
      provider === 'Sentry'
        ? `the Sentry token lacks ${SENTRY_WRITE_SCOPE}`
        : `the Datadog application key lacks ${DATADOG_WRITE_SCOPE}`;
    throw new CulpritError('forbidden', `${missing} (${what}: 403)`, details);
  }
  if (e.reason === 'auth')
    throw new CulpritError(
      'auth',
      `${what}: the ${provider === 'Sentry' ? 'token' : 'API key'} was rejected (401)`,
      details,
    );
  if (e.reason === 'not-found')
    throw new CulpritError('not-found', `${what}: it no longer exists (deleted or merged?)`, details);
  throw new CulpritError(e.reason, `${what}: ${e.message}`, details);
}

function checkId(issueId: unknown): string {
  if (typeof issueId !== 'string' || issueId.trim() === '')
    throw new CulpritError('invalid-input', 'no issue id given');
  return issueId.trim();
}

function checkWho(who: unknown): string {
  if (typeof who !== 'string' || who.trim() === '' || who.length > 256)
    throw new CulpritError('invalid-input', 'no assignee given (a user id, username or email)');
  return who.trim();
}

/** Adapter over `SentrySource.updateIssue` (PUT /organizations/{org}/issues/{id}/). */
export function sentryIssueActions(source: Pick<SentrySource, 'updateIssue'>): IssueActions {
  const run = async (
    issueId: string,
    action: string,
    done: string,
    update: Parameters<SentrySource['updateIssue']>[1],
    signal?: AbortSignal,
  ): Promise<IssueActionResult> => {
    const id = checkId(issueId);
    try {
      const res = await source.updateIssue(id, update, signal);
      return { issueId: id, status: res.status, message: `${done} Sentry issue ${id}` };
    } catch (e) {
      explain(e, 'Sentry', action, id);
    }
  };
  return {
    provider: 'sentry',
    resolve: (id, signal) => run(id, 'resolve', 'Resolved', { status: 'resolved' }, signal),
    resolveInNextRelease: (id, signal) =>
      run(
        id,
        'resolve (in next release)',
        'Resolved in the next release:',
        { status: 'resolved', statusDetails: { inNextRelease: true } },
        signal,
      ),
    ignore: (id, signal) => run(id, 'ignore', 'Ignored', { status: 'ignored' }, signal),
    reopen: (id, signal) => run(id, 'reopen', 'Reopened', { status: 'unresolved' }, signal),
    assign: (id, who, signal) =>
      run(id, 'assign', `Assigned to ${checkWho(who)}:`, { assignedTo: checkWho(who) }, signal),
  };
}

/** Adapter over the Datadog source's `updateIssueState` and `assign`. */
export function datadogIssueActions(source: Pick<DatadogSource, 'updateIssueState' | 'assign'>): IssueActions {
  const state = async (
    issueId: string,
    action: string,
    done: string,
    to: 'RESOLVED' | 'IGNORED' | 'OPEN',
    signal?: AbortSignal,
  ): Promise<IssueActionResult> => {
    const id = checkId(issueId);
    try {
      const res = await source.updateIssueState(id, to, signal);
      return { issueId: id, status: res.state, message: `${done} Datadog issue ${id}` };
    } catch (e) {
      explain(e, 'Datadog', action, id);
    }
  };
  return {
    provider: 'datadog',
    resolve: (id, signal) => state(id, 'resolve', 'Resolved', 'RESOLVED', signal),
    // Datadog reopens a resolved issue as a regression when a newer version reports it.
    resolveInNextRelease: (id, signal) =>
      state(id, 'resolve', 'Resolved (Datadog reopens it if a newer version reports it)', 'RESOLVED', signal),
    ignore: (id, signal) => state(id, 'ignore', 'Ignored', 'IGNORED', signal),
    reopen: (id, signal) => state(id, 'reopen', 'Reopened', 'OPEN', signal),
    async assign(issueId, who, signal) {
      const id = checkId(issueId);
      const user = checkWho(who);
      try {
        const res = await source.assign(id, user, signal);
        return { issueId: id, status: res.state, message: `Assigned Datadog issue ${id} to ${user}` };
      } catch (e) {
        explain(e, 'Datadog', 'assign', id);
      }
    },
  };
}

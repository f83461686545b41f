/** Why something failed, so front ends can react (and tests can assert) without parsing messages. */
export type CulpritErrorReason =
  | 'unknown-format'
  | 'invalid-input'
  | 'io'
  | 'not-a-repo'
  | 'unknown-revision'
  | 'shallow-clone'
  | 'git-missing'
  | 'git-failed'
  | 'untrusted'
  | 'outside-workspace'
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'bad-response'
  | 'cancelled';

/** The one error type core throws: a reason for code, a message for people. */
export class CulpritError extends Error {
  constructor(
    readonly reason: CulpritErrorReason,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CulpritError';
  }

  static is(e: unknown, reason?: CulpritErrorReason): e is CulpritError {
    return e instanceof CulpritError && (reason === undefined || e.reason === reason);
  }
}

/** A one-line message for any thrown value. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

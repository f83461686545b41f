/**
 * Stops sending requests to an endpoint that has clearly stopped answering. Without it a server
 * that accepts connections and never replies costs every remaining request its full timeout
 * (four at a time: 92 s for 10 issues, two hours for 1,000). After `threshold` timeouts in a
 * row on one endpoint (ids in the path folded, so every issue's event endpoint is one) with no
 * answer from it in between, new requests to it are refused at once for `cooldownMs`; after that
 * one wave is let through again, so a long-lived client (the extension's) recovers by itself.
 */
export class SilenceBreaker {
  private readonly endpoints = new Map<string, { streak: number; refuseUntil: number; why: string }>();

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
  ) {}

  /** Why a request to `method path` must not be sent, or null when it may go. */
  refusal(method: string, path: string, now = Date.now()): string | null {
    const e = this.endpoints.get(endpointKey(method, path));
    return this.threshold > 0 && e && now < e.refuseUntil ? e.why : null;
  }

  /** A request got no answer within its timeout. */
  noAnswer(provider: string, method: string, path: string, timeoutMs: number, now = Date.now()): void {
    const key = endpointKey(method, path);
    const e = this.endpoints.get(key) ?? { streak: 0, refuseUntil: 0, why: '' };
    this.endpoints.set(key, e);
    e.streak++;
    if (this.threshold <= 0 || e.streak < this.threshold) return;
    e.refuseUntil = now + Math.max(1, this.cooldownMs);
    const secs = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10}s` : `${Math.round(timeoutMs)}ms`;
    e.why =
      `${provider} stopped answering ${method} ${foldIds(path)} (${e.streak} requests in a row got no answer ` +
      `within ${secs})`;
  }

  /** Any HTTP answer, even an error status, shows the endpoint is there. */
  answered(method: string, path: string): void {
    this.endpoints.delete(endpointKey(method, path));
  }
}

/** Path segments that are ids (numbers, long hex, UUIDs) become `{id}`. */
function foldIds(path: string): string {
  return path
    .split('/')
    .map((seg) => (/^(\d+|[0-9a-f]{12,}|[0-9a-f]{8}-[0-9a-f-]{27,})$/i.test(seg) ? '{id}' : seg))
    .join('/');
}

function endpointKey(method: string, path: string): string {
  return `${method} ${foldIds(path)}`;
}

import type { AxiosInstance } from 'axios';

/** What one attempt produced: a response with its raw body, or a classified failure. */
export type AttemptOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: Buffer }
  | { kind: 'failure'; cause: 'cancelled' | 'timeout' | 'too-large' | 'network'; code: string };

export interface AttemptInput {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal | undefined;
  timeoutMs: number;
  maxBytes: number;
}

/**
 * Runs one HTTP exchange through axios. The timeout is our own timer over the whole exchange
 * (axios' `timeout` is a socket-idle timer, which a slow-dripping body never trips). Axios
 * errors are reduced to a code here so their config (with auth headers) never escapes.
 */
export async function runAttempt(client: AxiosInstance, input: AttemptInput): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, input.timeoutMs);
  const onAbort = (): void => controller.abort();
  input.signal?.addEventListener('abort', onAbort, { once: true });
  if (input.signal?.aborted) controller.abort();
  try {
    const headers: Record<string, string> = { ...input.headers };
    if (input.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await client.request<ArrayBuffer>({
      url: input.url,
      method: input.method,
      headers,
      data: input.body === undefined ? undefined : JSON.stringify(input.body),
      responseType: 'arraybuffer',
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      maxContentLength: input.maxBytes,
      maxBodyLength: 16 * 1024 * 1024,
      signal: controller.signal,
    });
    const body = Buffer.isBuffer(res.data) ? res.data : Buffer.from(res.data ?? []);
    return { kind: 'response', status: res.status, headers: flattenHeaders(res.headers), body };
  } catch (e) {
    if (input.signal?.aborted) return { kind: 'failure', cause: 'cancelled', code: 'ABORTED' };
    if (timedOut) return { kind: 'failure', cause: 'timeout', code: 'TIMEOUT' };
    const err = e as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
    const message = typeof err.message === 'string' ? err.message : '';
    if (message.includes('maxContentLength')) return { kind: 'failure', cause: 'too-large', code: 'TOO_LARGE' };
    // A body cut off by a dropped connection surfaces as 'stream has been aborted'.
    if (message.includes('stream has been aborted'))
      return { kind: 'failure', cause: 'network', code: 'ERR_BAD_RESPONSE_ABORTED' };
    const code =
      typeof err.code === 'string' ? err.code : typeof err.cause?.code === 'string' ? err.cause.code : 'NETWORK_ERROR';
    return { kind: 'failure', cause: 'network', code: /^[A-Z0-9_]{2,40}$/.test(code) ? code : 'NETWORK_ERROR' };
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener('abort', onAbort);
  }
}

function flattenHeaders(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const src = h && typeof (h as { toJSON?: unknown }).toJSON === 'function' ? (h as { toJSON(): unknown }).toJSON() : h;
  if (!src || typeof src !== 'object') return out;
  for (const [k, v] of Object.entries(src as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.map(String).join(', ') : String(v);
  }
  return out;
}

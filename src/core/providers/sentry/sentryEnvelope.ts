/**
 * Splits a Sentry envelope (what SDKs POST to `/api/<project>/envelope/`) into its event payloads.
 * Format: an envelope header line, then per item a header line (`{"type", "length"?}`) and a
 * payload of `length` bytes, or up to the next newline when `length` is absent.
 */
import { asInt, asRecord } from '../../decode/valueDecoder';

/** Most items read from one envelope. */
const MAX_ITEMS = 1_000;

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/**
 * Returns the parsed payloads of the envelope's `event` items (transactions, sessions,
 * attachments and unparsable items are skipped). `length` counts UTF-8 bytes, as the protocol
 * says. Returns [] for text that is not an envelope; never throws.
 */
export function parseSentryEnvelope(text: string): unknown[] {
  if (typeof text !== 'string') return [];
  const bytes = Buffer.from(text, 'utf8');
  const events: unknown[] = [];
  let pos = 0;
  const readLine = (): string | null => {
    if (pos >= bytes.length) return null;
    let end = bytes.indexOf(0x0a, pos);
    if (end < 0) end = bytes.length;
    const line = bytes.subarray(pos, end).toString('utf8');
    pos = end + 1;
    return line;
  };
  const header = readLine();
  if (header === null || !asRecord(tryJson(header))) return [];
  for (let n = 0; n < MAX_ITEMS; n++) {
    let itemHeaderLine = readLine();
    while (itemHeaderLine !== null && itemHeaderLine.trim() === '') itemHeaderLine = readLine();
    if (itemHeaderLine === null) break;
    const itemHeader = asRecord(tryJson(itemHeaderLine));
    if (!itemHeader) break;
    const length = asInt(itemHeader.length);
    let payload: string;
    if (length !== null) {
      payload = bytes.subarray(pos, Math.min(bytes.length, pos + length)).toString('utf8');
      pos += length;
      // The payload may be followed by a newline before the next item header.
      if (bytes[pos] === 0x0a) pos++;
    } else {
      payload = readLine() ?? '';
    }
    if (itemHeader.type === 'event') {
      const parsed = tryJson(payload);
      if (asRecord(parsed)) events.push(parsed);
    }
  }
  return events;
}

/** True when the text's first two lines look like an envelope header and an item header. */
export function looksLikeSentryEnvelope(text: string): boolean {
  const first = text.indexOf('\n');
  if (first < 0) return false;
  const header = asRecord(tryJson(text.slice(0, first)));
  if (!header || !('event_id' in header || 'sent_at' in header || 'dsn' in header || 'sdk' in header)) return false;
  const second = text.indexOf('\n', first + 1);
  const item = asRecord(tryJson(text.slice(first + 1, second < 0 ? undefined : second)));
  return !!item && typeof item.type === 'string';
}

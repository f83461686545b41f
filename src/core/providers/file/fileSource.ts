/** The file/pasted-text error source: every event in the input becomes one sample. */
import { createHash } from 'node:crypto';
import type { ErrorEvent } from '../../model/event.types';
import type { ErrorSample } from '../../model/group.types';
import type { ErrorSource, ListOptions, SampleList } from '../errorSource';
import { detectAndParse } from './eventFileParser';
import { clampString } from '../../decode/valueDecoder';

/** `Type: value` of the outermost exception, else the message, else a placeholder. */
function eventTitle(event: ErrorEvent): string {
  const outer = event.exceptions[event.exceptions.length - 1];
  const parts = [outer?.type, outer?.value].filter((s): s is string => typeof s === 'string' && s !== '');
  const title = parts.length > 0 ? parts.join(': ') : (event.message ?? '<unknown error>');
  return clampString(title.split('\n')[0], 200);
}

/**
 * A short id stable for the same stack: types and the top frames (path, function, line), so
 * the same paste yields the same group across runs.
 */
export function stackHash(event: ErrorEvent): string {
  const h = createHash('sha1');
  for (const e of event.exceptions) {
    h.update(`${e.type ?? ''}\u0000`);
    for (const f of e.frames.slice(0, 50)) h.update(`${f.path ?? ''}|${f.function ?? ''}|${f.line ?? ''}\u0000`);
  }
  if (event.exceptions.length === 0) h.update(event.message ?? '');
  return h.digest('hex').slice(0, 12);
}

/** One sample per event; the deploy to examine is the payload's commit, else its release. */
function toFileSample(event: ErrorEvent): ErrorSample {
  return {
    group: {
      id: event.eventId ?? `file-${stackHash(event)}`,
      title: eventTitle(event),
      count: null,
      userCount: null,
      firstSeen: event.timestamp,
      lastSeen: event.timestamp,
      release: event.release,
      firstRelease: null,
      environment: event.environment,
      status: null,
      url: null,
      source: 'file',
    },
    event,
    deploy: { to: event.commit ?? event.release, from: null },
  };
}

/**
 * An ErrorSource over a file's text. Parsing happens on the first `listSamples` call, which
 * rejects with the CulpritError from `detectAndParse` when the format is unknown.
 */
export function createFileSource(text: string, fileName?: string): ErrorSource {
  let samples: ErrorSample[] | null = null;
  return {
    id: 'file',
    async listSamples(options: ListOptions): Promise<SampleList> {
      samples ??= detectAndParse(text, fileName).map(toFileSample);
      const limit = Number.isFinite(options.limit) && options.limit > 0 ? options.limit : samples.length;
      return { samples: samples.slice(0, limit), failures: [] };
    },
  };
}

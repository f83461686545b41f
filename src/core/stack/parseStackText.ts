import type { ParsedStack } from './stack.types';
import { locateStack } from './stackLocator';
import { foldFrames } from './frameFolder';

/**
 * Finds and parses the first stack trace in arbitrary text (a raw trace, a log, a JSON log line).
 * Supports Node/V8 and Firefox/Safari, Python, Java/Kotlin, Go, Ruby, .NET/Mono, PHP and Rust; follows
 * cause chains. Returns null when there is no trace. Linear in the text size; never throws.
 */
export function parseStackText(text: string): ParsedStack | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  try {
    const found = locateStack(text);
    // One rule for every runtime's parser: recursion folded, at most FRAME_CAP frames per exception.
    if (found) for (const ex of found.exceptions) if (ex.frames.length > 1) ex.frames = foldFrames(ex.frames);
    return found;
  } catch {
    // Untrusted input must not surface as a raw TypeError; a bug here means "no trace found".
    return null;
  }
}

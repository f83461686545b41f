import type { ParsedStack } from './stack.types';
import { locateStack } from './stackLocator';

/**
 * Finds and parses the first stack trace in arbitrary text (a raw trace, a log, a JSON log line).
 * Supports Node/V8 and Firefox/Safari, Python, Java/Kotlin, Go, Ruby, .NET/Mono, PHP and Rust; follows
 * cause chains. Returns null when there is no trace. Linear in the text size; never throws.
 */
export function parseStackText(text: string): ParsedStack | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  try {
    return locateStack(text);
  } catch {
    // Untrusted input must not surface as a raw TypeError; a bug here means "no trace found".
    return null;
  }
}

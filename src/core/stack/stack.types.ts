import type { ExceptionRecord } from '../model/event.types';

export type StackLanguage = 'javascript' | 'python' | 'java' | 'go' | 'ruby' | 'dotnet' | 'php' | 'rust';

/** A stack trace found in text. */
export interface ParsedStack {
  language: StackLanguage;
  /** Root cause first, outermost last (Sentry's order); frames crashing first. */
  exceptions: ExceptionRecord[];
}

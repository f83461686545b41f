/**
 * Keywords of the languages whose source the suspects read (JavaScript/TypeScript, Python, Java, Go, Ruby,
 * PHP, C#, Kotlin), grouped by where they stand. Each scan builds its own stop set from these groups and names
 * what it adds on top, so a language fact is written once and each scan's own choices stay visible.
 */

/** JavaScript statement keywords that stand before `(` or `{` where a function's name could: `if (`, `do {`. */
export const BLOCK_KEYWORDS: readonly string[] = 'if else for while do switch catch with return function'.split(' ');

/** Further keywords, across the languages, that stand before `(` like a callee: `await (`, `not (`, `super(`. */
export const PAREN_KEYWORDS: readonly string[] = (
  'elif case throw raise except yield new this self super def func lambda async await ' +
  'in is not and or instanceof typeof'
).split(' ');

/** Keywords that declare, modify, type or jump, and the literal keywords: none reads like a call. */
export const DECLARATION_KEYWORDS: readonly string[] = (
  'const let var val class type interface extends implements import from export default as ' +
  'public private protected static final void int bool boolean double float long short char byte ' +
  'try finally break continue pass of null undefined true false nil'
).split(' ');

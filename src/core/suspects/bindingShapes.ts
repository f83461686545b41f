/**
 * Statements that bind a name without an `=`, in each language's own shapes: a collection filled
 * through its standard library, a loop variable bound from the collection it walks.
 */

/** The names a statement binds and the text their value comes from. */
export interface Binding {
  names: string[];
  rhs: string;
}

const DECLARES = new Set(['var', 'let', 'const', 'final', 'auto', 'val', 'mut', 'ref']);

/**
 * A statement that puts a value into a collection through its standard library (`xs.push(v)`,
 * `xs.append(v)`, `xs.Add(v)`, `m.put(k, v)`, Ruby's `xs << v`): it changes what the collection holds.
 */
const INSERTS = 'push|append|add|Add|insert|Insert|put|Push|AddRange|extend|unshift|prepend|push_back';
const COLLECTION_INSERT = new RegExp(
  String.raw`^\s*([A-Za-z_$][\w$]*)\s*(?:\.|->)\s*(?:${INSERTS})\s*\((.*)\)\s*;?\s*$`,
);
const RUBY_SHOVEL = /^\s*([a-z_]\w*)\s*<<\s*(\S.*)$/;

/** The collection an insert statement fills, and the inserted value's text. */
export function collectionInsert(code: string): Binding | null {
  const m = COLLECTION_INSERT.exec(code) ?? RUBY_SHOVEL.exec(code);
  return m ? { names: [m[1]], rhs: m[2] } : null;
}

/** The names a binding declares, declaration words left out. */
function identifiers(text: string): string[] {
  return (text.match(/[A-Za-z_$][\w$]*/g) ?? []).filter((n) => !DECLARES.has(n));
}

/**
 * A loop header binds its variables from the collection it walks: `for (const x of xs)`, `for x in xs:`,
 * `for (T x : xs)`, `foreach (var x in xs)`, `foreach ($xs as $k => $x)`, `for _, x := range xs`,
 * `xs.each do |x|`. Returns the bound names and the collection's text.
 */
export function loopBinding(code: string): Binding | null {
  let m = /^\s*foreach\s*\(\s*(\S.*?)\s+as\s+(.+?)\)\s*[:{]?\s*$/.exec(code);
  if (m) return { names: identifiers(m[2]), rhs: m[1] };
  m = /^\s*for\s+(.+?)\s*:=\s*range\s+(.+?)\s*\{?\s*$/.exec(code);
  if (m) return { names: identifiers(m[1]), rhs: m[2] };
  m =
    /^\s*(?:for|foreach)\s*\(\s*(.+?)\s+(?:of|in|:)\s+(.+)\)\s*\{?\s*$/.exec(code) ??
    /^\s*for\s+(.+?)\s+in\s+(.+?)\s*[:{]?\s*$/.exec(code);
  if (m) {
    // The bound names are the last identifier of each binding: `var x`, `Customer x`, `(k, v)`, `const [a, b]`.
    const bound = m[1].replace(/^(?:const|let|var|final|auto|val)\s+/, '').replace(/^\(|\)$/g, '');
    const names = bound.split(',').map((b) => /([A-Za-z_$][\w$]*)\W*$/.exec(b.trim())?.[1] ?? '');
    return names.every(Boolean) ? { names, rhs: m[2] } : null;
  }
  m = /^\s*(.+?)\.each(?:_with_index|_value)?\s*(?:do|\{)\s*\|\s*([^|]+)\|/.exec(code);
  return m ? { names: identifiers(m[2]), rhs: m[1] } : null;
}

/**
 * A safety net over the core's in-app flag for the tree's icons and menus: frames whose text
 * names a runtime or an installed package are library frames even when the trace's own
 * in-app marker said otherwise, so they never get a warning or "Add Path Mapping…".
 */
const RUNTIME = new RegExp(
  [
    String.raw`\bnode:|\(internal\/|\bprocessTicksAndRejections\b`,
    String.raw`[\\/](?:site|dist)-packages[\\/]|[\\/]node_modules[\\/]`,
    String.raw`<frozen |\bjava\.base\/|\bruntime\/|\(native\)|\(index \d+\)`,
  ].join('|'),
);

export function isRuntimeFrame(raw: string): boolean {
  return RUNTIME.test(raw);
}

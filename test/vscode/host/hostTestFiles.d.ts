// Type of the virtual module that scripts/vscode/runHostTests.mjs generates for the host bundle.
declare module 'culprit:host-test-files' {
  /** Run name → [test file relative to test/vscode/host, loader that evaluates it]. */
  export const groups: Record<string, Array<[string, () => void]>>;
}

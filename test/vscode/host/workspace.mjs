// Prepares the folder that the extension-host runs open (see scripts/vscode/runHostTests.mjs):
// the demo service repository with its real git history and a real captured SDK event of its
// 500. In the untrusted run, the repository's git config would run a program if git ever ran.
// Tests read the returned value through workspaceInfo() in hostEnv.ts.
import { prepareDemo } from './demoData.mjs';

/** @param {string} dir the (empty) workspace folder @param {{ run: string }} context */
export function prepare(dir, context) {
  return prepareDemo(dir, { fsmonitorMarker: context?.run === 'untrusted' });
}

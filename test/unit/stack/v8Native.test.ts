// A real Node stack through Promise.all carries `at async Promise.all (index 0)`: the runtime's
// combinator, which must be a library frame, never an in-app frame without a file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { parseStackText } from '../../../src/core/stack/parseStackText';
import { isLibraryFrame } from '../../../src/core/stack/libraryFrames';

describe('V8 frames of the runtime itself', () => {
  it('treats `Promise.all (index N)` as a native frame', () => {
    const program =
      "async function load(id) { await null; throw new TypeError('boom ' + id); }\nasync function main() { await Promise.all([load(1)]); }\nmain().catch((e) => console.log(e.stack));\n";
    const stack = execFileSync(process.execPath, ['-e', program], { encoding: 'utf8' });
    assert.match(stack, /at async Promise\.all \(index 0\)/, 'this Node prints the combinator frame');
    const parsed = parseStackText(stack);
    const frames = parsed?.exceptions.flatMap((e) => e.frames) ?? [];
    const combinator = frames.find((f) => f.raw.includes('Promise.all'));
    assert.ok(combinator);
    assert.equal(combinator.path, 'native');
    assert.ok(isLibraryFrame(combinator, 'javascript'));
  });
});

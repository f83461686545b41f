// The interpreter's own standard library is never application code, wherever it is installed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseStackText } from '../../../src/core/stack/parseStackText';
import { isLibraryFrame } from '../../../src/core/stack/libraryFrames';

describe('standard-library frames', () => {
  it('marks a real Python traceback through _strptime as library code', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-stdlib-'));
    const script = path.join(dir, 'dates.py');
    fs.writeFileSync(
      script,
      "import datetime\ndef parse(s):\n    return datetime.datetime.strptime(s, '%Y-%m-%d')\nparse('24/11/2026')\n",
    );
    let stack = '';
    try {
      execFileSync('python3', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      stack = String((e as { stderr?: string }).stderr ?? '');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.match(stack, /_strptime\.py/, 'python3 prints the standard-library frame');
    const frames = parseStackText(stack)?.exceptions.flatMap((x) => x.frames) ?? [];
    const std = frames.filter((f) => f.path?.endsWith('_strptime.py'));
    assert.ok(std.length > 0);
    for (const f of std) assert.ok(isLibraryFrame(f, 'python'), f.path ?? '');
    const app = frames.find((f) => f.function === 'parse');
    assert.ok(app && !isLibraryFrame(app, 'python'));
  });

  it('does not mistake an application folder named lib for a standard library', () => {
    const frame = {
      path: '/app/lib/pricing.py',
      module: null,
      function: 'quote',
      line: 3,
      column: null,
      inApp: null,
      raw: '',
    };
    assert.equal(isLibraryFrame(frame, 'python'), false);
  });
});

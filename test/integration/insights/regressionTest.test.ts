import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeSentryRestEvent } from '../../../src/core/providers/sentry/restEvent';
import { detectTestFramework } from '../../../src/core/regression/testFrameworkDetector';
import { generateRegressionTest, writeRegressionTest } from '../../../src/core/regression/regressionTestWriter';
import type { RequestInfo } from '../../../src/core/model/event.types';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '..', '..', '..');
const raw = JSON.parse(
  fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'events', 'sentry-rest-event.json'), 'utf8'),
);

/** The real captured request plus the credentials a production request carries. */
function capturedRequest(): RequestInfo {
  const req = decodeSentryRestEvent(raw).request;
  assert.ok(req, 'the captured event has a request');
  return {
    ...req,
    headers: [
      ...req.headers,
      ['Authorization', 'Bearer sk_live_canary'],
      ['Cookie', 'sid=canary'],
      ['X-Api-Key', 'canary'],
      ['X-Session-Token', 'canary'],
    ],
  };
}

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real server: the first request gets a 500 (the bug), later ones a 200 (the fix). */
async function flakyServer(): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(seen.length === 1 ? 500 : 200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

function tempWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-regr-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Runs a command; resolves with its exit code (0 pass, else fail). */
async function exitCode(cmd: string, args: string[], cwd: string, env: Record<string, string>): Promise<number> {
  try {
    await run(cmd, args, {
      cwd,
      env: { ...process.env, PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1', ...env },
      timeout: 20_000,
    });
    return 0;
  } catch (e) {
    return typeof (e as { code?: unknown }).code === 'number' ? (e as { code: number }).code : 99;
  }
}

/** Generates into a workspace, runs it twice against the flaky server: fails, then passes. */
async function failsThenPasses(
  files: Record<string, string>,
  command: (file: string) => [string, string[]],
): Promise<{ seen: Seen[]; file: string }> {
  const ws = tempWorkspace(files);
  const server = await flakyServer();
  try {
    const written = writeRegressionTest(ws, {
      issueId: '1001',
      title: 'TypeError: Cannot read properties of undefined',
      request: capturedRequest(),
    });
    const [cmd, args] = command(written.path);
    assert.notEqual(
      await exitCode(cmd, args, ws, { CULPRIT_BASE_URL: server.url }),
      0,
      'fails while the server answers 500',
    );
    assert.equal(await exitCode(cmd, args, ws, { CULPRIT_BASE_URL: server.url }), 0, 'passes once it answers 200');
    return { seen: server.seen, file: written.path };
  } finally {
    await server.close();
  }
}

function assertReplayed(seen: Seen[]): void {
  assert.equal(seen.length, 2);
  const s = seen[0];
  assert.equal(s.method, 'POST');
  assert.equal(s.url, '/api/orders?source=checkout');
  assert.deepEqual(JSON.parse(s.body), raw.entries.find((e: { type: string }) => e.type === 'request').data.data);
  assert.equal(s.headers['content-type'], 'application/json');
  assert.equal(s.headers['x-request-id'], 'req-7c1d');
  for (const h of ['authorization', 'cookie', 'x-api-key', 'x-session-token']) assert.equal(s.headers[h], undefined, h);
  assert.ok(!JSON.stringify(s.headers).includes('canary'));
}

describe('regression test generator', function () {
  this.timeout(30_000);

  it('detects the framework from manifests', () => {
    assert.equal(
      detectTestFramework(tempWorkspace({ 'package.json': '{"devDependencies":{"mocha":"^10"}}' })).framework,
      'mocha',
    );
    assert.equal(
      detectTestFramework(
        tempWorkspace({ 'package.json': '{"devDependencies":{"jest":"^29","mocha":"1"},"scripts":{"test":"jest"}}' }),
      ).framework,
      'jest',
    );
    assert.equal(
      detectTestFramework(tempWorkspace({ 'package.json': '{"devDependencies":{"vitest":"^2"}}' })).framework,
      'vitest',
    );
    const nt = detectTestFramework(
      tempWorkspace({ 'package.json': '{"type":"module","scripts":{"test":"node --test test/"}}' }),
    );
    assert.deepEqual([nt.framework, nt.moduleStyle], ['node-test', 'esm']);
    assert.equal(detectTestFramework(tempWorkspace({ 'pyproject.toml': '[project]\nname="x"\n' })).framework, 'pytest');
    assert.equal(detectTestFramework(tempWorkspace({ 'go.mod': 'module x' })).framework, 'replay');
    assert.equal(detectTestFramework(tempWorkspace({ 'package.json': '{not json' })).framework, 'replay');
  });

  it('writes a mocha test that fails on the 500 and passes on the 200', async () => {
    const mocha = path.join(REPO, 'node_modules', 'mocha', 'bin', 'mocha.js');
    const { seen, file } = await failsThenPasses({ 'package.json': '{"devDependencies":{"mocha":"^10"}}' }, (f) => [
      process.execPath,
      [mocha, f],
    ]);
    assert.match(file, /test\/regression\/typeerror-cannot-read-properties-of-undefined-1001\.test\.js$/);
    assertReplayed(seen);
  });

  it('writes an ESM node:test test that fails then passes', async () => {
    const { seen } = await failsThenPasses(
      { 'package.json': '{"type":"module","scripts":{"test":"node --test"}}' },
      (f) => [process.execPath, ['--test', f]],
    );
    assertReplayed(seen);
  });

  it('writes a pytest test (run when pytest is installed, else syntax-checked)', async function () {
    const hasPytest = (await exitCode('python3', ['-m', 'pytest', '--version'], os.tmpdir(), {})) === 0;
    if (hasPytest) {
      const { seen, file } = await failsThenPasses({ 'requirements.txt': 'flask\n' }, (f) => [
        'python3',
        ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', f],
      ]);
      assert.match(file, /tests\/regression\/test_typeerror_cannot_read_properties_of_undefined_1001\.py$/);
      assertReplayed(seen);
      return;
    }
    const ws = tempWorkspace({ 'requirements.txt': 'flask\n' });
    const written = writeRegressionTest(ws, { issueId: '1001', title: 'x"""\nimport os', request: capturedRequest() });
    assert.equal(await exitCode('python3', ['-m', 'py_compile', written.path], ws, {}), 0);
    // Without pytest, call the test function directly: same fails-then-passes contract.
    const server = await flakyServer();
    try {
      const call = `import importlib.util,sys;s=importlib.util.spec_from_file_location('t',sys.argv[1]);m=importlib.util.module_from_spec(s);s.loader.exec_module(m);[getattr(m,n)() for n in dir(m) if n.startswith('test_')]`;
      assert.notEqual(await exitCode('python3', ['-c', call, written.path], ws, { CULPRIT_BASE_URL: server.url }), 0);
      assert.equal(await exitCode('python3', ['-c', call, written.path], ws, { CULPRIT_BASE_URL: server.url }), 0);
      assertReplayed(server.seen);
    } finally {
      await server.close();
    }
  });

  it('writes a curl replay script for other projects', async function () {
    if ((await exitCode('curl', ['--version'], os.tmpdir(), {})) !== 0) this.skip();
    const { seen, file } = await failsThenPasses({ 'go.mod': 'module x\n' }, (f) => ['sh', [f]]);
    assert.match(file, /\.replay\.sh$/);
    assertReplayed(seen);
  });

  it('never overwrites an existing file and keeps hostile text out of the code', () => {
    const ws = tempWorkspace({ 'package.json': '{"devDependencies":{"mocha":"^10"}}' });
    const input = {
      issueId: '7',
      title: "*/ require('child_process').exec('x') /*\n`${process.exit(1)}`",
      request: { ...capturedRequest(), url: '/a\'b"c`d${x}' },
    };
    const first = writeRegressionTest(ws, input);
    fs.writeFileSync(first.path, 'MINE');
    const second = writeRegressionTest(ws, input);
    assert.notEqual(second.path, first.path);
    assert.equal(fs.readFileSync(first.path, 'utf8'), 'MINE');
    assert.match(second.relPath, /-2\.test\.js$/);
    // The generated file parses, and the title stays inside a comment or a string.
    new Function(second.content.replace(/^const assert = require\('node:assert\/strict'\);$/m, ''));
    assert.throws(() => generateRegressionTest(ws, { issueId: '1', title: 't', request: null }), /no HTTP request/);
    assert.throws(
      () =>
        generateRegressionTest(ws, { issueId: '1', title: 't', request: capturedRequest(), baseUrl: 'file:///etc' }),
      /http or https/,
    );
  });
});

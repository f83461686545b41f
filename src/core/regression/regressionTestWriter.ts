/** Generates a regression test from an issue's failing request and writes it without overwriting. */
import { existsSync, mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { CulpritError } from '../errors';
import type { RequestInfo } from '../model/event.types';
import { renderRegressionTest } from './regressionTemplates';
import { toReplayRequest } from './replayRequest';
import { type FrameworkDetection, detectTestFramework } from './testFrameworkDetector';

/** Where the app under test listens unless the caller or `CULPRIT_BASE_URL` says otherwise. */
const DEFAULT_REGRESSION_BASE_URL = 'http://127.0.0.1:3000';

export interface RegressionTestInput {
  issueId: string;
  title: string;
  /** The failing request; null when the event had none (then there is nothing to replay). */
  request: RequestInfo | null;
  /** Base URL baked into the test (http or https). Default `http://127.0.0.1:3000`. */
  baseUrl?: string;
}

export interface GeneratedRegressionTest {
  /** Workspace-relative path with `/` separators. */
  relPath: string;
  content: string;
  detection: FrameworkDetection;
}

export interface WrittenRegressionTest extends GeneratedRegressionTest {
  /** Absolute path of the new file. */
  path: string;
}

/** A file-name slug: lower-case words of the title plus the issue id, at most ~60 chars. */
function issueSlug(title: string, issueId: string): string {
  const words = String(title ?? '')
    .slice(0, 500)
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  const id = String(issueId ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 24);
  return [words, id].filter(Boolean).join('-') || 'issue';
}

function checkBaseUrl(raw: string | undefined): string {
  const value = (raw ?? DEFAULT_REGRESSION_BASE_URL).trim();
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new CulpritError(
      'invalid-input',
      `the regression test base URL "${value.slice(0, 100)}" is not a URL (e.g. http://127.0.0.1:3000)`,
    );
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new CulpritError('invalid-input', `the regression test base URL must be http or https, not ${u.protocol}`);
  return u.toString().replace(/\/+$/, '');
}

/** The folder tests go in: the workspace's `test/` or `tests/` convention, else the framework's. */
function testDir(root: string, detection: FrameworkDetection): string {
  const has = (d: string): boolean => {
    try {
      return statSync(nodePath.join(root, d)).isDirectory();
    } catch {
      return false;
    }
  };
  const preferTests = detection.framework === 'pytest' ? !has('test') || has('tests') : has('tests') && !has('test');
  return `${preferTests ? 'tests' : 'test'}/regression`;
}

function fileName(slug: string, detection: FrameworkDetection, n: number): string {
  const suffix = n > 1 ? `-${n}` : '';
  if (detection.framework === 'pytest') return `test_${slug.replace(/-/g, '_')}${suffix.replace('-', '_')}.py`;
  if (detection.framework === 'replay') return `${slug}${suffix}.replay.sh`;
  return `${slug}${suffix}.test.js`;
}

/** Builds the test text and its intended path (`n` > 1 adds a `-n` suffix) without touching disk. */
export function generateRegressionTest(
  root: string,
  input: RegressionTestInput,
  detection = detectTestFramework(root),
  n = 1,
): GeneratedRegressionTest {
  if (!input.request || (!input.request.url && !input.request.method)) {
    throw new CulpritError('invalid-input', 'this event has no HTTP request to replay (the SDK did not capture one)');
  }
  const slug = issueSlug(input.title, input.issueId);
  const content = renderRegressionTest(detection, {
    title: String(input.title ?? '').slice(0, 300),
    issueId: String(input.issueId ?? ''),
    baseUrl: checkBaseUrl(input.baseUrl),
    slug,
    request: toReplayRequest(input.request),
  });
  return { relPath: `${testDir(root, detection)}/${fileName(slug, detection, n)}`, content, detection };
}

/**
 * Writes the regression test under the workspace root, choosing `-2`, `-3`… when the name is
 * taken: an existing file is never overwritten (the write uses `wx`, so a race cannot either).
 */
export function writeRegressionTest(
  root: string,
  input: RegressionTestInput,
  detection = detectTestFramework(root),
): WrittenRegressionTest {
  const realRoot = realpathSync(root);
  for (let n = 1; n <= 100; n++) {
    const gen = generateRegressionTest(realRoot, input, detection, n);
    const abs = nodePath.join(realRoot, ...gen.relPath.split('/'));
    if (existsSync(abs)) continue;
    const dir = nodePath.dirname(abs);
    mkdirSync(dir, { recursive: true });
    // A symlinked test folder could point anywhere; refuse to write outside the workspace.
    const realDir = realpathSync(dir);
    if (realDir !== realRoot && !realDir.startsWith(realRoot + nodePath.sep)) {
      throw new CulpritError(
        'outside-workspace',
        `${nodePath.dirname(gen.relPath)} resolves outside the workspace; not writing a test there`,
      );
    }
    try {
      writeFileSync(abs, gen.content, { flag: 'wx', mode: gen.detection.framework === 'replay' ? 0o755 : 0o644 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new CulpritError('io', `could not write ${gen.relPath}: ${(e as Error).message}`);
    }
    return { ...gen, path: abs };
  }
  throw new CulpritError('io', 'too many regression tests already exist for this issue (100)');
}

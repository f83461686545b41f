/** Detects which test framework a workspace uses, from its manifest files only (no execution). */
import { readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';

/** The frameworks a regression test can be generated for; `replay` is a plain curl script. */
type TestFramework = 'mocha' | 'jest' | 'vitest' | 'node-test' | 'pytest' | 'replay';

export interface FrameworkDetection {
  framework: TestFramework;
  /** How JS files are loaded: `esm` when package.json says `"type": "module"`. */
  moduleStyle: 'esm' | 'cjs';
  /** Why this framework was chosen, for the UI (`devDependencies.mocha`, `pyproject.toml`…). */
  evidence: string;
}

const MAX_MANIFEST = 2 * 1024 * 1024;
const PY_MANIFESTS = [
  'pyproject.toml',
  'setup.cfg',
  'requirements.txt',
  'requirements-dev.txt',
  'requirements_dev.txt',
  'setup.py',
  'Pipfile',
  'tox.ini',
  'pytest.ini',
];

/** A file's text when it is a regular file of sane size, else null (never throws). */
function readSmall(path: string): string | null {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_MANIFEST) return null;
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function depNames(pkg: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = pkg[field];
    if (deps && typeof deps === 'object' && !Array.isArray(deps)) for (const k of Object.keys(deps)) out.add(k);
  }
  return out;
}

/**
 * Picks the framework the workspace's own tests use. JS: vitest, jest, mocha (by dependency or
 * the `test` script), then `node --test`; Python projects get pytest (it also runs unittest
 * suites); anything else gets a curl replay script, which needs no toolchain.
 */
export function detectTestFramework(root: string): FrameworkDetection {
  const pkgText = readSmall(nodePath.join(root, 'package.json'));
  if (pkgText !== null) {
    let pkg: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(pkgText);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) pkg = parsed as Record<string, unknown>;
    } catch {
      // A broken package.json still marks a Node project; fall through with no deps.
    }
    const moduleStyle = pkg.type === 'module' ? 'esm' : 'cjs';
    const deps = depNames(pkg);
    const scripts = pkg.scripts && typeof pkg.scripts === 'object' ? (pkg.scripts as Record<string, unknown>) : {};
    const testScript = typeof scripts.test === 'string' ? scripts.test.slice(0, 4096) : '';
    const byDep = (name: string, fw: TestFramework): FrameworkDetection | null =>
      deps.has(name) ? { framework: fw, moduleStyle, evidence: `package.json depends on ${name}` } : null;
    const byScript = (re: RegExp, fw: TestFramework, what: string): FrameworkDetection | null =>
      re.test(testScript) ? { framework: fw, moduleStyle, evidence: `package.json test script runs ${what}` } : null;
    const hit =
      byScript(/\bvitest\b/, 'vitest', 'vitest') ??
      byScript(/\bjest\b/, 'jest', 'jest') ??
      byScript(/\bmocha\b/, 'mocha', 'mocha') ??
      byScript(/\b(?:node|tsx)\b[^|&;]{0,200}?\s--test\b/, 'node-test', 'node --test') ??
      byDep('vitest', 'vitest') ??
      byDep('jest', 'jest') ??
      byDep('mocha', 'mocha');
    if (hit) return hit;
    return { framework: 'replay', moduleStyle, evidence: 'package.json names no test framework' };
  }
  for (const name of PY_MANIFESTS) {
    if (readSmall(nodePath.join(root, name)) !== null)
      return { framework: 'pytest', moduleStyle: 'cjs', evidence: `Python project (${name})` };
  }
  return { framework: 'replay', moduleStyle: 'cjs', evidence: 'no package.json or Python manifest' };
}

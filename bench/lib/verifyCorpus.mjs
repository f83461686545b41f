// What the verify bench bisects: which corpus scenarios, and each one's reproduction: the
// scenario's own entry point, built and run the way bench/lib/scenarioRepo.mjs and runtimes.mjs
// crashed it at the deployed revision (so a step is "bad" only when the same crash comes back).
import path from 'node:path';
import { corpusToolchains } from './runtimes.mjs';

/** Generated runtimes bisected by default: one per language the issue names beyond the hand-written JS/Py/Java. */
const DEFAULT_GENERATED = ['js-esm', 'py', 'go'];

/**
 * The scenarios: every hand-written family (JS, Python, Java; fresh2 only with CULPRIT_FRESH2=1),
 * plus the generated corpus in one vocabulary (`shop`: each template once per runtime) for the
 * runtimes in CULPRIT_VERIFY_RUNTIMES (comma-separated generator ids, `all`; default js-esm,py,go).
 */
export function verifyScenarioDefs(defs, env = process.env) {
  const asked = (env.CULPRIT_VERIFY_RUNTIMES ?? DEFAULT_GENERATED.join(',')).split(',').map((s) => s.trim());
  const wanted = (g) => g.vocab === 'shop' && (asked.includes('all') || asked.includes(g.runtime));
  return defs.filter((d) =>
    d.generator ? wanted(d.generator) : !d.name.startsWith('f2-') || env.CULPRIT_FRESH2 === '1',
  );
}

/** The absolute path of a toolchain command (rustc may live in ~/.cargo/bin, off PATH). */
function tool(name) {
  for (const t of Object.values(corpusToolchains({ install: true })))
    if (t.ok && t.commands[name]) return JSON.stringify(t.commands[name]);
  return name;
}

/** Source files of `ext` outside test folders, as runtimes.mjs compiles them. */
const sourcesOf = (ext) =>
  `$(find . -name '*${ext}' -not -path './test/*' -not -path './tests/*' -not -path './spec/*' | sort)`;

/**
 * `{ args, env }` for `culprit verify` on built scenario `s` (definition `def`): `--build` and
 * `--repro` commands, and the environment the runtime needs (PYTHONPATH, a shared Go cache).
 */
export function reproOf(s, def, repoRoot, work) {
  const vendor = Object.keys(def.vendor ?? {});
  const copyModules = vendor.some((v) => v.startsWith('node_modules/'))
    ? `cp -R ${JSON.stringify(path.join(s.repo, 'node_modules'))} . && `
    : '';
  const sitePackages = [
    ...new Set(
      vendor
        .filter((v) => v.includes('site-packages/'))
        .map((v) => path.join(s.deployDir, v.slice(0, v.indexOf('site-packages/') + 13))),
    ),
  ];
  const env = sitePackages.length ? { PYTHONPATH: sitePackages.join(':') } : {};
  const main = def.main;
  switch (def.lang) {
    case 'py':
      return { args: ['--repro', `python3 ${main ?? 'main.py'}`], env };
    case 'java':
      return {
        args: [
          '--build',
          'rm -rf out && javac -nowarn -d out $(find . -name "*.java")',
          '--repro',
          `java -cp out ${main}`,
        ],
        env,
      };
    case 'go': {
      // One module and build cache for every step and scenario: a step rebuilds only what changed.
      const home = path.join(work, 'gohome');
      const goEnv = { GOPATH: home, GOCACHE: path.join(home, 'cache'), GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
      return { args: ['--build', `${tool('go')} build -o service-bin .`, '--repro', './service-bin'], env: goEnv };
    }
    case 'ruby':
      return { args: ['--repro', `${tool('ruby')} ${main}`], env };
    case 'php': {
      const flags = '-d display_errors=stderr -d log_errors=0 -d error_reporting=E_ALL';
      return { args: ['--repro', `${tool('php')} ${flags} ${main}`], env };
    }
    case 'cs':
      return {
        args: [
          '--build',
          `${tool('mcs')} -debug -nowarn:169,414,649 -out:app.exe ${sourcesOf('.cs')}`,
          '--repro',
          `${tool('mono')} --debug app.exe`,
        ],
        env,
      };
    case 'rust':
      return {
        args: [
          '--build',
          `${tool('rustc')} --edition 2021 -g -A warnings -o service-bin ${main}`,
          '--repro',
          './service-bin',
        ],
        env: { RUST_BACKTRACE: '1' },
      };
    default:
      break;
  }
  if (def.capture === 'bundle') {
    const esbuild = path.join(repoRoot, 'node_modules/.bin/esbuild');
    return {
      args: [
        '--build',
        `${copyModules}${esbuild} ${main ?? 'main.js'} --bundle --platform=node --target=node20 --sourcemap --log-level=error --outfile=dist/bundle.js`,
        '--repro',
        'node --enable-source-maps dist/bundle.js',
      ],
      env,
    };
  }
  return {
    args: [
      ...(copyModules ? ['--build', copyModules.replace(/ && $/, '')] : []),
      '--repro',
      `node ${main ?? 'main.js'}`,
    ],
    env,
  };
}

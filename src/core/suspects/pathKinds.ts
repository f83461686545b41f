/**
 * What a changed path is, by the conventions of the ecosystems Culprit reads: production code, or
 * files that never run in production (tests and fixtures, docs, lockfiles, CI configuration,
 * source maps and built output). A change to the latter can still be a suspect through other
 * evidence, but a word it shares with the error is not code that ran.
 */

/** Folders and name patterns of tests and fixtures across ecosystems. */
const TEST_PARTS = [
  /(?:^|\/)(?:tests?|__tests__|spec|specs|testdata|fixtures?)\//,
  /(?:\.|_)(?:test|spec)\.[A-Za-z]+$/,
  /(?:^|\/)test_[^/]+$/,
  /Tests?\.(?:java|kt|cs|scala)$/,
];
const DOCS = [
  /(?:^|\/)(?:docs?|documentation)\//i,
  /\.(?:md|markdown|rst|adoc|txt)$/i,
  /(?:^|\/)(?:LICENSE|NOTICE|AUTHORS)[^/]*$/,
];
const LOCKFILE = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'poetry.lock',
  'Pipfile.lock',
  'Gemfile.lock',
  'composer.lock',
  'Cargo.lock',
  'go.sum',
  'packages.lock.json',
]);
const CI = [
  /(?:^|\/)(?:\.github|\.circleci|\.gitlab|\.buildkite)\//,
  /(?:^|\/)(?:\.gitlab-ci\.yml|\.travis\.yml|Jenkinsfile|azure-pipelines\.yml)$/,
];
/** Generated artefacts: maps and build output are rebuilt from the sources, which carry the change. */
const BUILT = [/\.map$/, /(?:^|\/)(?:dist|build|out)\//];

/** Test and fixture code never runs in production: its definitions cannot explain a crash. */
export function isTestPath(path: string): boolean {
  return TEST_PARTS.some((r) => r.test(path));
}

/** The path holds no code that runs in production (see the module doc). */
export function isNonCodePath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return isTestPath(path) || LOCKFILE.has(name) || [...DOCS, ...CI, ...BUILT].some((r) => r.test(path));
}

/**
 * Languages whose line comment is `#` and in which `//` is code (Python's floor division, Ruby's empty
 * regex): a `//` there must not be read as the start of a comment.
 */
const HASH_COMMENT_ONLY = /\.(?:py|pyi|pyw|rb|rake|gemspec|sh|bash|zsh|pl|pm|r|ex|exs|cr|jl|nim|ya?ml|toml)$/i;

export function slashIsCode(path: string): boolean {
  return HASH_COMMENT_ONLY.test(path) || /(?:^|\/)(?:Rakefile|Gemfile|Makefile)$/.test(path);
}

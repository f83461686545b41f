/**
 * What every git process Culprit starts is pinned to, so that user and repository settings cannot
 * change the output Culprit parses, nor make a read start a program. Each setting here was checked
 * against real git (2.39): see test/integration/safety/gitSettings.test.ts, one test per setting.
 */

/** `-c` settings on every call: stable, uncoloured, unquoted output; no hooks, no fsmonitor, no network. */
export const PINNED_CONFIG: readonly string[] = [
  'core.quotepath=false',
  'color.ui=false',
  'core.fsmonitor=false',
  // No hook ever runs for a Culprit call (post-index-change, reference-transaction, …).
  'core.hooksPath=/dev/null',
  // Culprit never fetches: a lazy fetch of a partial clone must not reach the network or a credential helper.
  'protocol.allow=never',
  'diff.relative=false',
  'diff.noprefix=false',
  'diff.mnemonicPrefix=false',
  // `log -p` reads both; blame reads diff.indentHeuristic, and diff.algorithm from git 2.53 (myers
  // before; builtin/blame.c git_blame_config). Pinned, their hunks agree whatever the user set, so a
  // range blame can be computed from the range's patches (rangeBlame.ts).
  'diff.algorithm=myers',
  'diff.indentHeuristic=true',
  'diff.interHunkContext=0',
  'diff.suppressBlankEmpty=false',
  'i18n.logOutputEncoding=UTF-8',
  'log.showSignature=false',
  'log.follow=false',
  'log.showRoot=true',
  'log.abbrevCommit=false',
  'log.decorate=false',
  'blame.showRoot=false',
  'blame.blankBoundary=false',
  'blame.markIgnoredLines=false',
  'blame.markUnblamableLines=false',
  // blame maps authors through a configured mailmap (`log --format=%an` does not): only the
  // repository's own `.mailmap`, which callers check for, still applies.
  'mailmap.file=',
  'mailmap.blob=',
];

/** Variables that redirect or configure git (GIT_*, including GIT_CONFIG_*), or name editors and pagers. */
const DROPPED_ENV = /^(git.*|editor|visual|pager|prefix|ssh_askpass)$/i;

/** Ambient environment minus anything that redirects or configures git, plus the pinned locale. */
export function pinnedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !DROPPED_ENV.test(k)) env[k] = v;
  }
  env.LC_ALL = 'C';
  env.LANGUAGE = 'C';
  env.GIT_TERMINAL_PROMPT = '0';
  // Paths come from production stack traces: `[id].ts` must not act as a glob.
  env.GIT_LITERAL_PATHSPECS = '1';
  env.GIT_OPTIONAL_LOCKS = '0';
  return env;
}

/** Subcommands whose output Culprit parses as a patch: external diff drivers and textconv never run. */
const PATCH_COMMANDS = new Set(['diff', 'log', 'show']);

/**
 * Flags inserted right after the subcommand. `blame --no-ignore-revs-file` empties the list a
 * `blame.ignoreRevsFile` setting filled (an empty value does not: git sorts it first, so a missing
 * file still fails the blame); a later `--ignore-revs-file` (the repository's own) still applies.
 */
export function subcommandFlags(subcommand: string, version: readonly number[] | null): string[] {
  if (PATCH_COMMANDS.has(subcommand)) return ['--no-ext-diff', '--no-textconv', '--no-color'];
  if (subcommand === 'blame') {
    // blame.ignoreRevsFile and its negation arrived in git 2.23; older git has nothing to undo.
    const ignoreRevs = !version || version[0] > 2 || (version[0] === 2 && version[1] >= 23);
    return ['--no-textconv', ...(ignoreRevs ? ['--no-ignore-revs-file'] : [])];
  }
  return [];
}

/** Subcommands that read working-tree files and so would run clean filters on them. */
export const WORKTREE_READERS = new Set(['diff', 'blame']);

/** The query whose output `filterOverrides` reads: every configured filter driver setting. */
export const FILTER_QUERY: readonly string[] = ['config', '--null', '--get-regexp', '^filter\\.'];

/**
 * `-c` settings that turn off every configured clean/smudge/process filter (an empty command is
 * "no filter", and `required=false` keeps git from failing for lack of one). Names holding `=`
 * cannot be written as `-c` keys and are left alone (git would misread the override).
 */
export function filterOverrides(configOutput: string): string[] {
  const names = new Set<string>();
  for (const entry of configOutput.split('\0')) {
    const key = entry.split('\n', 1)[0];
    const m = /^filter\.(.+)\.(clean|smudge|process|required)$/i.exec(key);
    if (m && !m[1].includes('=')) names.add(m[1]);
  }
  return [...names].flatMap((n) => [
    '-c',
    `filter.${n}.clean=`,
    '-c',
    `filter.${n}.smudge=`,
    '-c',
    `filter.${n}.process=`,
    '-c',
    `filter.${n}.required=false`,
  ]);
}

/**
 * Builds one real git history for an {@link AppSpec}: base (tag FROM) → decoy → the bug (linear,
 * inside a `--no-ff` merge, or squash-merged) → a late decoy (tag TO) → an edit after the deploy
 * (or a rename, or a deletion). The deployed tree is the same whatever the shape, so one crash
 * serves every history of an app.
 */
import { strict as assert } from 'node:assert';
import { ALICE, BOB, CAROL, DAN, createTempRepo, type TempRepo, type TestAuthor } from '../../helpers/gitRepo';
import type { AppSpec, Edit } from './matrixApps';

export interface HistoryOptions {
  /** Folder of the service inside the repository (`services/orders`), '' for the root. */
  prefix?: string;
  /** Files elsewhere in the repository (monorepo neighbours), repo-relative. */
  neighbours?: Record<string, string>;
  /** Tags for FROM and TO; null for a repository without tags. */
  tags?: { from: string; to: string; annotated: boolean } | null;
  shape?: 'linear' | 'merge' | 'squash';
  /** What happens to the crashing file after the deploy. */
  after?: 'edit' | 'rename' | 'delete' | 'none';
  /** New service-relative name for `after: 'rename'`. */
  renameTo?: string;
  /** Write the crashing file with CRLF line ends (committed as such). */
  crlf?: boolean;
  bugAuthor?: TestAuthor;
}

export interface BuiltHistory {
  repo: TempRepo;
  from: string;
  to: string;
  bug: string;
  /** Repo-relative path of a service-relative one. */
  at(path: string): string;
}

function applyEdit(repo: TempRepo, file: string, [, from, to]: Edit, crlf: boolean): void {
  const text = repo.read(file);
  const [a, b] = crlf ? [from.replace(/\n/g, '\r\n'), to.replace(/\n/g, '\r\n')] : [from, to];
  assert.ok(text.includes(a), `${file} lacks ${JSON.stringify(a)}`);
  repo.write(file, text.replace(a, b));
}

/** Builds the history; the caller owns `repo.cleanup()`. */
export function buildHistory(app: AppSpec, opts: HistoryOptions = {}): BuiltHistory {
  const prefix = opts.prefix ?? '';
  const at = (p: string): string => (prefix ? `${prefix}/${p}` : p);
  const tags = opts.tags === undefined ? { from: 'v1.4.0', to: 'v1.5.0', annotated: true } : opts.tags;
  const crashFile = app.crash.file;
  const crlf = opts.crlf === true;
  const edit = (e: Edit): void => applyEdit(repo, at(e[0]), e, crlf && e[0] === crashFile);
  const tag = (name: string): void => repo.tag(name, tags?.annotated ? { message: `deploy ${name}` } : {});

  const repo = createTempRepo();
  for (const [file, text] of Object.entries(app.base))
    repo.write(at(file), crlf && file === crashFile ? text.replace(/\n/g, '\r\n') : text);
  for (const [file, text] of Object.entries(opts.neighbours ?? {})) repo.write(file, text);
  repo.commit('Initial orders service', { author: ALICE, date: '2026-10-14T09:00:00Z' });
  if (tags) tag(tags.from);
  const from = repo.sha();
  edit(app.decoy);
  repo.commit('Customers carry an explicit loyalty field', { author: BOB, date: '2026-10-15T09:00:00Z' });

  const bugAuthor = opts.bugAuthor ?? CAROL;
  let bug: string;
  const shape = opts.shape ?? 'linear';
  if (shape === 'linear') {
    edit(app.bug);
    bug = repo.commit('Use the loyalty rate for discounts', { author: bugAuthor, date: '2026-10-16T09:00:00Z' });
    edit(app.lateDecoy);
    repo.commit('Round quotes through a named total', { author: DAN, date: '2026-10-17T09:00:00Z' });
  } else {
    repo.git(['checkout', '-q', '-b', 'feature/loyalty']);
    edit(app.bug);
    const onBranch = repo.commit('Use the loyalty rate for discounts', {
      author: bugAuthor,
      date: '2026-10-16T09:00:00Z',
    });
    repo.write(at('docs/loyalty.md'), '# Loyalty\n\nRates come from the customer record.\n');
    repo.commit('Document loyalty rates', { author: bugAuthor, date: '2026-10-16T10:00:00Z' });
    repo.git(['checkout', '-q', 'main']);
    edit(app.lateDecoy);
    repo.commit('Round quotes through a named total', { author: DAN, date: '2026-10-17T09:00:00Z' });
    const env = {
      GIT_AUTHOR_NAME: bugAuthor.name,
      GIT_AUTHOR_EMAIL: bugAuthor.email,
      GIT_COMMITTER_NAME: ALICE.name,
      GIT_COMMITTER_EMAIL: ALICE.email,
      GIT_AUTHOR_DATE: '2026-10-18T09:00:00Z',
      GIT_COMMITTER_DATE: '2026-10-18T09:00:00Z',
    };
    if (shape === 'merge') {
      repo.git(['merge', '-q', '--no-ff', '-m', "Merge branch 'feature/loyalty'", 'feature/loyalty'], env);
      bug = onBranch;
    } else {
      repo.git(['merge', '-q', '--squash', 'feature/loyalty'], env);
      repo.git(['commit', '-q', '-m', 'Loyalty discounts (#42)'], env);
      bug = repo.sha();
      repo.git(['branch', '-q', '-D', 'feature/loyalty']);
    }
  }
  if (tags) tag(tags.to);
  const to = repo.sha();

  const after = opts.after ?? 'edit';
  if (after === 'edit' || after === 'rename') {
    edit(app.post);
    if (after === 'rename') repo.rename(at(crashFile), at(opts.renameTo ?? crashFile.replace(/(\.\w+)$/, 'Rules$1')));
    repo.commit(after === 'rename' ? 'Name the pricing module for what it does' : 'Document the pricing rules', {
      author: DAN,
      date: '2026-10-22T09:00:00Z',
    });
  } else if (after === 'delete') {
    repo.remove(at(crashFile));
    repo.commit('Remove the old pricing module', { author: DAN, date: '2026-10-22T09:00:00Z' });
  }
  return { repo, from, to, bug, at };
}

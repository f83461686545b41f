/**
 * "Set Deploy Range…": a QuickPick of the provider's releases and the repository's tags (each
 * newest first, with dates) and the range the error source reported, or a free FROM..TO; for
 * this issue or as the workspace default. The triage reruns with it as `--deploy` would.
 */
import * as vscode from 'vscode';
import type { DeployPick, IssueStore } from '../state/issueStore';
import type { Workspaces } from '../state/workspaces';
import { releaseLabel, shortSha } from '../../core/present';
import type { ProviderRelease } from '../../core/providers';
import { messageOf } from '../../core/errors';

/** The workspaceState key of the workspace default. */
export const DEFAULT_DEPLOY_KEY = 'culprit.defaultDeployRange';

/** The workspace default as saved: a pick, or (saved by an older version) the bare flag. */
export function savedDeployPick(saved: unknown): DeployPick | undefined {
  if (typeof saved === 'string') return saved ? { flag: saved } : undefined;
  const s = saved as { flag?: unknown; as?: unknown } | undefined;
  if (!s || typeof s.flag !== 'string' || validDeployInput(s.flag) !== undefined) return undefined;
  return { flag: s.flag, as: typeof s.as === 'string' ? s.as.slice(0, 80) : undefined };
}

/** One revision or FROM..TO of revision-like words; never an option (`-…`) or a `...` range. */
function validDeployInput(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter FROM..TO (e.g. v1.4.0..v1.5.0) or the deployed revision';
  if (/\s/.test(v)) return 'No spaces: FROM..TO';
  if (v.includes('...')) return 'Use two dots: FROM..TO';
  const parts = v.split('..');
  if (parts.length > 2 || parts.some((p) => p === '' || p.startsWith('-') || !/^[\w./@^~+-]+$/.test(p)))
    return 'Each side must be a tag, branch or commit (e.g. v1.4.0..v1.5.0)';
  return undefined;
}

interface TagRow {
  name: string;
  date: string;
}

async function tagsOf(workspaces: Workspaces, root: string | undefined): Promise<TagRow[]> {
  const ws = root ? await workspaces.byRoot(root) : null;
  if (!ws?.git) return [];
  const out = await ws.git.repo
    .run([
      'for-each-ref',
      '--sort=-creatordate',
      '--count=200',
      '--format=%(refname:strip=2)%00%(creatordate:short)',
      'refs/tags',
    ])
    .catch(() => '');
  return out
    .split('\n')
    .map((l) => l.split('\0'))
    .filter(([name]) => !!name)
    .map(([name, date]) => ({ name, date: date ?? '' }));
}

/** `as`: what the row is, for the deploy label (`release 1.5.0 from Sentry`). */
type Item = vscode.QuickPickItem & { flag?: string; as?: string; clear?: true; custom?: true };

/** The revision a release names in git: its recorded commit, else a tag of its version (`app@1.5.0` → `v1.5.0`). */
function releaseRevision(r: ProviderRelease, tags: Set<string>): string | null {
  if (r.revision && validDeployInput(r.revision) === undefined) return r.revision;
  const bare = r.version.includes('@') ? r.version.slice(r.version.lastIndexOf('@') + 1) : r.version;
  return [r.version, bare, `v${bare}`].find((t) => tags.has(t)) ?? null;
}

/**
 * One row per provider release that git can name, newest first: picking it sets the range from
 * the release before it (the previous deploy) to it. Releases without a commit or tag are left out.
 */
export function releaseItems(releases: ProviderRelease[], tagNames: string[], provider = 'the provider'): Item[] {
  const tags = new Set(tagNames);
  const known = releases
    .map((r) => ({ r, rev: releaseRevision(r, tags) }))
    .filter((x): x is { r: ProviderRelease; rev: string } => x.rev !== null);
  return known.map(({ r, rev }, i) => {
    const prev = known[i + 1];
    const short = (v: string) => (/^[0-9a-f]{40}$/i.test(v) ? shortSha(v) : v);
    return {
      label: `$(rocket) ${r.version}`,
      description: [
        r.date?.slice(0, 10),
        prev ? `range ${releaseLabel(prev.r.version)}..${releaseLabel(r.version)}` : 'no earlier release',
        short(rev),
      ]
        .filter(Boolean)
        .join(' · '),
      flag: prev ? `${prev.rev}..${rev}` : rev,
      as: `release ${releaseLabel(r.version)} from ${provider}`,
    };
  });
}

/** The provider's releases when the issue comes from it (or no issue is chosen); [] with a log line on failure. */
async function providerReleases(store: IssueStore, origin: string | undefined): Promise<ProviderRelease[]> {
  const lister = store.releaseLister;
  if (!lister || (origin !== undefined && origin !== 'provider')) return [];
  const timeout = AbortSignal.timeout(15_000);
  return lister.lister.listReleases(timeout).catch((e: unknown) => {
    store.logLine(`${lister.label} releases unavailable for Set Deploy Range: ${messageOf(e)}`);
    return [];
  });
}

async function pickItems(store: IssueStore, workspaces: Workspaces, key: string | undefined): Promise<Item[]> {
  const entry = key ? store.get(key) : store.selected;
  const [tags, releases] = await Promise.all([
    tagsOf(workspaces, entry?.triage?.root),
    providerReleases(store, entry?.origin),
  ]);
  const items: Item[] = [{ label: '$(edit) Enter FROM..TO…', custom: true, alwaysShow: true }];
  if (entry && store.deployOverride(entry.key))
    items.push({
      label: '$(discard) Automatic',
      description: 'from the error source, the release and tags',
      clear: true,
    });
  const reported = entry?.sample.deploy;
  if (reported?.to)
    items.push(
      { label: 'Reported by the error source', kind: vscode.QuickPickItemKind.Separator },
      {
        label: reported.from
          ? `${releaseLabel(reported.from)}..${releaseLabel(reported.to)}`
          : `${releaseLabel(reported.to)}`,
        description: 'the deploy the error source reported',
        flag: reported.from ? `${reported.from}..${reported.to}` : reported.to,
        as: 'the deploy the error source reported',
      },
    );
  const provider = store.releaseLister?.label.split(' ')[0] ?? 'Provider';
  const fromProvider = releaseItems(
    releases,
    tags.map((t) => t.name),
    provider,
  );
  if (fromProvider.length)
    items.push({ label: `${provider} releases (newest first): the deployed one`, kind: SEPARATOR }, ...fromProvider);
  if (tags.length) {
    items.push({ label: 'Tags (newest first): the deployed one', kind: SEPARATOR });
    tags.forEach((t, i) =>
      items.push({
        label: `$(tag) ${t.name}`,
        description: [t.date, tags[i + 1] ? `range ${tags[i + 1].name}..${t.name}` : 'no earlier tag'].join(' · '),
        flag: t.name,
        as: `tag ${t.name}`,
      }),
    );
  }
  return items;
}

const SEPARATOR = vscode.QuickPickItemKind.Separator;

export async function setDeployRange(
  store: IssueStore,
  workspaces: Workspaces,
  state: vscode.Memento,
  key: string | undefined,
  /** Skips the pickers (links, tests): the range, and whether it is for this issue or the workspace. */
  given?: { flag: string | null; scope: 'issue' | 'workspace'; as?: string },
): Promise<string | undefined> {
  const entry = key ? store.get(key) : store.selected;
  if (given) {
    const flag = given.flag?.trim() || undefined;
    if (flag && validDeployInput(flag)) throw new Error(`Culprit: ${validDeployInput(flag)}`);
    const pick = flag ? { flag, as: given.as?.slice(0, 80) } : undefined;
    return apply(store, state, given.scope === 'issue' ? entry?.key : undefined, pick);
  }
  const current = entry?.triage?.issue.deploy.label;
  // A promise: the QuickPick opens at once, busy until git and the provider answer.
  const choice = await vscode.window.showQuickPick(pickItems(store, workspaces, entry?.key), {
    title: 'Culprit: Set Deploy Range',
    placeHolder: current ? `Now: ${current}` : 'Which revision was deployed when the error happened?',
    matchOnDescription: true,
  });
  if (!choice) return undefined;
  let pick: DeployPick | undefined;
  if (choice.custom) {
    const typed = await vscode.window.showInputBox({
      title: 'Culprit: Set Deploy Range',
      prompt: 'FROM..TO: the previous deploy and the deployed revision (tags, branches or commits)',
      placeHolder: 'v1.4.0..v1.5.0',
      validateInput: validDeployInput,
      ignoreFocusOut: true,
    });
    if (typed === undefined) return undefined;
    pick = { flag: typed.trim() };
  } else if (!choice.clear && choice.flag) pick = { flag: choice.flag, as: choice.as };

  const scope = entry
    ? await vscode.window.showQuickPick(
        [
          { label: 'This issue', description: entry.sample.group.title.slice(0, 60), only: true },
          { label: 'Workspace default', description: 'every issue without its own range', only: false },
        ],
        { title: 'Culprit: Set Deploy Range for…' },
      )
    : { only: false };
  if (!scope) return undefined;
  return apply(store, state, scope.only ? entry?.key : undefined, pick);
}

async function apply(store: IssueStore, state: vscode.Memento, key: string | undefined, pick: DeployPick | undefined) {
  if (key) await store.setDeployOverride(key, pick);
  else {
    store.defaultDeploy = pick;
    await state.update(DEFAULT_DEPLOY_KEY, pick);
    await store.retriageAll();
  }
  return pick?.flag ?? '';
}

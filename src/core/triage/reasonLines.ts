/**
 * Reasons speak in today's lines. The ranker words its evidence at the deployed revision
 * ("changed line 9 of src/services/pricing.js") while the editor shows that line where it stands
 * in the working tree (15): every `line N` of a reason is followed there and reads
 * `line 15 (deployed: 9)` when the two differ, so a reason and the line it names agree.
 */
import type { Suspect } from '../model/triage.types';

/** A blamed frame as the reasons name it: by depth ("its caller"), function or file. */
export interface ReasonFrame {
  depth: number;
  /** Path at the deployed revision. */
  path: string;
  line: number;
  function: string | null;
  /** Where `line` stands today, when the frame's follow already knows (same file, same base). */
  today?: { path: string | null; line: number | null };
}

/** A `line N` in a reason and the deployed file it belongs to. */
export interface LineMention {
  start: number;
  end: number;
  path: string;
  line: number;
}

/** Where a deployed line stands today: a number, null (deleted), or undefined (not known). */
export type TodayLine = (path: string, line: number) => number | null | undefined;

const LINE = /\bline (\d+)\b/g;
/** A repository path as reasons write it: folders, a name, a lettered extension. */
const PATH =
  /(?:[\w@.-]+\/)+[\w@-][\w@.-]*\.[A-Za-z]\w*|\b[\w@-]+\.(?:[jt]sx?|[cm][jt]s|py|rb|go|java|kt|cs|php|rs)\b/g;
const FUNCTION_OF = /^ of ([\w$.<>:#-]+)/;
const DEPTH_OF = /^ of (?:the crashing frame|its caller|(\d+) calls up the stack)/;

function frameNamed(frames: readonly ReasonFrame[], name: string): ReasonFrame | undefined {
  const base = (f: ReasonFrame) => f.function?.split(/[.:#]/).pop();
  return frames.find((f) => f.function === name) ?? frames.find((f) => base(f) === name);
}

/** Every `line N` of `reason` with the file it is a line of; a number with no file is left out. */
export function lineMentions(reason: string, frames: readonly ReasonFrame[]): LineMention[] {
  const known = new Set(frames.map((f) => f.path));
  const paths = [...reason.matchAll(PATH)]
    .filter((m) => m[0].includes('/') || known.has(m[0]))
    .map((m) => ({ at: m.index ?? 0, path: m[0] }));
  const out: LineMention[] = [];
  for (const m of reason.matchAll(LINE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const rest = reason.slice(end);
    let path: string | undefined;
    const file = paths.find((p) => p.at === end + 4 && rest.startsWith(' of '));
    const depth = DEPTH_OF.exec(rest);
    const fn = FUNCTION_OF.exec(rest);
    if (file) path = file.path;
    else if (depth)
      path = frames.find((f) => f.depth === (depth[1] ? Number(depth[1]) : rest.includes('caller') ? 1 : 0))?.path;
    else if (fn && frameNamed(frames, fn[1])) path = frameNamed(frames, fn[1])?.path;
    // `…in src/x.js (line 3)`, `…of src/x.js, below line 19`: the nearest file named before it.
    path ??= paths.filter((p) => p.at < start).pop()?.path ?? paths.find((p) => p.at > end)?.path;
    if (path) out.push({ start, end, path, line: Number(m[1]) });
  }
  return out;
}

/** `reason` with each mentioned line in today's numbers: `line 15 (deployed: 9)`. */
export function reasonInTodaysLines(reason: string, frames: readonly ReasonFrame[], today: TodayLine): string {
  let out = '';
  let last = 0;
  for (const m of lineMentions(reason, frames)) {
    const now = today(m.path, m.line);
    if (now === undefined || now === m.line) continue;
    const wrapped = reason[m.start - 1] === '(' && reason[m.end] === ')';
    const note = now === null ? 'deployed; deleted since' : `deployed: ${m.line}`;
    const head = now === null ? `line ${m.line}` : `line ${now}`;
    out += reason.slice(last, m.start) + (wrapped ? `${head}; ${note}` : `${head} (${note})`);
    last = m.end;
  }
  return out + reason.slice(last);
}

/**
 * The suspects with their reasons in today's lines. `follow` maps the lines no frame already
 * followed (one `git diff` for all of them); the frames' own lines come from their follow.
 */
export async function suspectsInTodaysLines(
  suspects: Suspect[],
  frames: readonly ReasonFrame[],
  follow: (linesByPath: Map<string, number[]>) => Promise<Map<string, Map<number, { line: number | null }>>>,
): Promise<Suspect[]> {
  const known = new Map<string, number | null>();
  for (const f of frames) if (f.today && f.today.path === f.path) known.set(`${f.path}\0${f.line}`, f.today.line);
  const wanted = new Map<string, Set<number>>();
  for (const s of suspects)
    for (const r of [...s.reasons, ...(s.moreLinks ?? [])])
      for (const m of lineMentions(r, frames))
        if (!known.has(`${m.path}\0${m.line}`)) wanted.set(m.path, (wanted.get(m.path) ?? new Set()).add(m.line));
  if (wanted.size > 0) {
    const moved = await follow(new Map([...wanted].map(([p, lines]) => [p, [...lines]])));
    for (const [p, lines] of wanted)
      for (const l of lines) {
        const to = moved.get(p)?.get(l);
        if (to) known.set(`${p}\0${l}`, to.line);
      }
  }
  const today: TodayLine = (p, l) => known.get(`${p}\0${l}`);
  const inToday = (r: string) => reasonInTodaysLines(r, frames, today);
  return suspects.map((s) => ({
    ...s,
    reasons: s.reasons.map(inToday),
    ...(s.moreLinks ? { moreLinks: s.moreLinks.map(inToday) } : {}),
  }));
}

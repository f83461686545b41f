/**
 * Ranks commits by evidence: the strongest piece decides, corroborating ones add a little, scaled by the
 * commit's focus and how the candidates were blamed (evidenceWeight.ts), with the reasons in words
 * (evidenceReasons.ts) and calibrated probabilities (suspectProbability.ts). Pure: evidence in, suspects out.
 */
import type { Suspect } from '../model/triage.types';
import type { BlameMode, CommitFacts, Evidence } from './evidence.types';
import { commitLine, describeEvidence, moreLinksReason, neutralReason } from './evidenceReasons';
import { commitStrength, MODE_CONFIDENCE } from './evidenceWeight';
import { FEATURES, featureVector, touchesWhatRan } from './rankFeatures';
import { candidateProbabilities, issueVerdict, type IssueVerdict } from './suspectProbability';
import { WINDOWS } from './searchWindows';

const OLDEST = WINDOWS['recency.oldestPercent'] / 100; // fact: a percentage
const NEWER = (100 - WINDOWS['recency.oldestPercent']) / 100; // fact: a percentage

/**
 * Without a deploy range every line has some author; newer changes are likelier to have broken
 * something that worked, so rank by recency among the candidates (newest ×1, oldest ×`recency.oldestPercent`).
 */
function recencyFactors(shas: string[], commits: Map<string, CommitFacts>): Map<string, number> {
  const dated = shas
    .map((sha) => ({ sha, t: Date.parse(commits.get(sha)?.date ?? '') || 0 }))
    .sort((a, b) => a.t - b.t);
  const out = new Map<string, number>();
  // fact: one candidate has no spread
  dated.forEach((d, i) => out.set(d.sha, dated.length < 2 ? 1 : OLDEST + NEWER * (i / (dated.length - 1))));
  return out;
}

export interface RankOptions {
  mode: BlameMode;
  /** E.g. `v1.4.0..v1.5.0 (7 commits)`; added to every suspect's reasons. */
  rangeLabel: string | null;
  limit?: number;
  /** Receives every candidate's feature vector (scripts/fit.mjs reads the corpus through it). */
  probe?: (rows: RankProbeRow[], featureNames: string[]) => void;
}

/**
 * One candidate as the fit sees it: its features, whether it touches what ran, the ranker's strength, and the
 * evidence and facts it came from (so the fit can re-weigh them).
 */
interface RankProbeRow {
  sha: string;
  date: string;
  features: number[];
  linked: boolean;
  raw: number;
  evidence: Evidence[];
  facts: CommitFacts | undefined;
}

export interface RankedSuspects extends IssueVerdict {
  /** Best first, at most `limit`, each with its calibrated probability. */
  suspects: Suspect[];
}

/** Scores and orders suspects, best first. Scores are in 0..1. */
export function rankSuspects(evidence: Evidence[], commits: Map<string, CommitFacts>, options: RankOptions): Suspect[] {
  return rankIssueSuspects(evidence, commits, options).suspects;
}

/** The suspects with calibrated probabilities, and the issue's verdict: confidence, a close call, or none of them. */
export function rankIssueSuspects(
  evidence: Evidence[],
  commits: Map<string, CommitFacts>,
  options: RankOptions,
): RankedSuspects {
  const bySha = new Map<string, Evidence[]>();
  for (const e of evidence) {
    const list = bySha.get(e.sha) ?? [];
    list.push(e);
    bySha.set(e.sha, list);
  }
  const ranked: Array<Suspect & { raw: number }> = [];
  const recency = options.mode === 'range' ? null : recencyFactors([...bySha.keys()], commits);
  for (const [sha, list] of bySha) {
    const facts = commits.get(sha);
    const strength = commitStrength(list, facts);
    const weighted = strength.weighted;
    const raw = strength.raw * (recency?.get(sha) ?? 1);
    // The three strongest links lead; the rest stay reachable behind one line (every surface expands it).
    const links = [...new Set(weighted.map(({ e }) => describeEvidence(e)))];
    const reasons = links.slice(0, SHOWN_LINKS);
    const moreLinks = links.slice(SHOWN_LINKS);
    if (moreLinks.length) reasons.push(moreLinksReason(moreLinks.length));
    // The stack files' neutral change is worth saying only when it is what the ranking rests on.
    const neutralWhy = weighted[0].e.offStack ? null : neutralReason(facts);
    if (neutralWhy) reasons.push(neutralWhy);
    if (facts?.guardOnly) reasons.push('it only added an early exit to the stack’s code');
    if (facts && facts.filesChanged > 0) reasons.push(commitLine(facts));
    if (options.mode === 'range' && options.rangeLabel) reasons.push(`in the deploy range ${options.rangeLabel}`);
    if (options.mode === 'to-only')
      reasons.push('no earlier deploy found: blamed the full history at the deployed revision, lower confidence');
    if (options.mode === 'head') reasons.push('no deploy range known: blamed at HEAD, lower confidence');
    // shown: the score is monotone in raw, which ranks
    const score = (1 - Math.exp(-1.8 * raw)) * MODE_CONFIDENCE[options.mode];
    ranked.push({
      sha,
      author: facts ? `${facts.author} <${facts.authorMail}>` : '',
      date: facts?.date ?? '',
      summary: facts?.summary ?? '',
      score: Math.round(score * 1000) / 1000, // shown: three decimals
      reasons,
      ...(moreLinks.length ? { moreLinks } : {}),
      raw,
    });
  }
  ranked.sort((a, b) => b.raw - a.raw || (b.date < a.date ? -1 : b.date > a.date ? 1 : 0) || (a.sha < b.sha ? -1 : 1));
  const linkedShas = new Set([...bySha].filter(([, list]) => touchesWhatRan(list)).map(([sha]) => sha));
  options.probe?.(
    ranked.map((s) => ({
      sha: s.sha,
      date: commits.get(s.sha)?.date ?? '',
      features: featureVector(bySha.get(s.sha) ?? [], commits.get(s.sha)),
      linked: linkedShas.has(s.sha),
      raw: s.raw,
      evidence: bySha.get(s.sha) ?? [],
      facts: commits.get(s.sha),
    })),
    FEATURES.map((f) => f.name),
  );
  // Probabilities over every candidate, before the list is cut to `limit`.
  const { probabilities, none } = candidateProbabilities(ranked.map((s) => s.raw));
  const suspects = ranked.map(({ raw: _raw, ...s }, i) => ({ ...s, probability: round3(probabilities[i]) }));
  const verdict = issueVerdict(
    ranked.map((s, i) => ({ sha: s.sha, probability: probabilities[i] })),
    none,
    options.mode,
    linkedShas.size > 0,
  );
  return { ...verdict, suspects: suspects.slice(0, options.limit ?? 10) }; // shown: suspects listed by default
}

/** Links to the stack a suspect's reasons name before the `and N more links` line: presentation, never ranked on. */
const SHOWN_LINKS = 3; // shown: never ranked on

const round3 = (x: number) => Math.round(x * 1000) / 1000; // shown: three decimals

/**
 * `culprit verify` for one triaged issue: picks the reproduction, bisects the deploy range, and
 * writes the verdict into the issue: `verification`, and a confirmed commit first among the
 * suspects with the reason "reproduced: fails at X with the same TypeError at …; passes at X^".
 */
import { CulpritError } from '../errors';
import type { ErrorEvent } from '../model/event.types';
import type { Suspect, TriagedIssue } from '../model/triage.types';
import { generateRegressionTest } from '../regression/regressionTestWriter';
import type { TriageWorkspace } from '../triage/triageWorkspace';
import { crashSignature } from './crashSignature';
import { eventDiffers } from './eventDiffers';
import { checkFix } from './fixCheck';
import type { TestFile } from './regressionRepro';
import { chooseReproduction } from './reproduction';
import { verifyRange } from './verifyRange';
import type { VerifyOptions } from './verify.types';

function regressionTest(ws: TriageWorkspace, event: ErrorEvent, issue: TriagedIssue): TestFile | null {
  try {
    const gen = generateRegressionTest(ws.root, { issueId: issue.id, title: issue.title, request: event.request });
    return { relPath: gen.relPath, content: gen.content, framework: gen.detection.framework };
  } catch {
    return null;
  }
}

/** Suspects with `sha` first, carrying the reproduction's reason. */
async function promote(ws: TriageWorkspace, suspects: Suspect[], sha: string, reason: string): Promise<Suspect[]> {
  const at = suspects.findIndex((s) => s.sha === sha);
  let top: Suspect;
  if (at >= 0) top = { ...suspects[at], reasons: [reason, ...suspects[at].reasons] };
  else {
    const info = await ws.git?.repo.commitInfo(sha);
    top = {
      sha,
      author: info ? `${info.author} <${info.authorMail}>` : '',
      date: info?.date ?? '',
      summary: info?.summary ?? '',
      score: 1,
      reasons: [reason],
    };
  }
  top.score = 1;
  return [top, ...suspects.filter((s) => s.sha !== sha)];
}

/** Verifies `issue` (triaged from `event`) and returns it with `verification` and reordered suspects. */
export async function verifyIssue(
  ws: TriageWorkspace,
  event: ErrorEvent,
  issue: TriagedIssue,
  opts: VerifyOptions,
): Promise<TriagedIssue> {
  if (!opts.trusted || !ws.git)
    throw new CulpritError('untrusted', 'Reproductions never run in an untrusted workspace: trust it to verify.');
  const { from, to } = issue.deploy;
  if (!from || !to)
    throw new CulpritError('invalid-input', 'verifying needs a deploy range: pass --deploy FROM..TO (or tag releases)');
  const sig = crashSignature(event, issue);
  if (!sig) throw new CulpritError('invalid-input', 'the event names no exception type to reproduce');
  // Without a command of the user's, the test is the reproduction (given a server to replay against).
  const wantsTest = opts.repro?.trim() ? opts.repro.includes('{test}') : true;
  const test = wantsTest ? regressionTest(ws, event, issue) : null;
  const repro = chooseReproduction(event, issue, { repro: opts.repro, serve: opts.serve, test });
  const { verification } = await verifyRange(ws.git.repo, { from, to }, sig, repro, opts);
  verification.reproduction = repro.kind;
  const sendsRequest = repro.kind === 'regression-test' || (repro.kind === 'command' && test !== null);
  if (verification.status === 'not-reproduced')
    verification.differs = eventDiffers(event, { reproSendsRequest: sendsRequest });
  if (opts.checkFix) verification.fixed = await checkFix(ws.git.repo, sig, repro, opts, to);
  let suspects = issue.suspects;
  if (verification.status === 'confirmed' && verification.commit) {
    suspects = await promote(ws, suspects, verification.commit, verification.summary);
  }
  return { ...issue, suspects, verification };
}

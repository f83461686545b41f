/**
 * Producer chains through files the deploy did not change. A frame calls `prepareCustomer` (intake.js,
 * unchanged), which writes `customer.tier = normalizeTier(…)` (paging.js, changed): the chain can only be
 * followed if intake.js is read too. The declaring files of the helpers no file read so far declares are
 * found with one `git grep` at TO per level of the chain, and read once each.
 */
import { declarationLine } from './declarationLine';
import type { NameUse } from './namesUsed';
import { NOT_HELPERS } from './namesUsed';
import { isTestPath } from './pathKinds';
import { isFeedingCall, producerUses, type ProducerUse } from './producerChain';
import type { SuspectGitPort } from './suspectPort.types';
import { WINDOWS } from './searchWindows';

/** Levels of unchanged helpers followed (each costs one `git grep`), names per grep, files read per level. */
const MAX_ROUNDS = WINDOWS['producerFiles.rounds'];
const MAX_NAMES = WINDOWS['producerFiles.names'];
const MAX_FILES = WINDOWS['producerFiles.files'];
/** Input safety, not a search window: a larger file (a bundle or a data dump) is not read. */
const MAX_FILE_CHARS = 2_000_000; // bound: a bigger file is generated or minified, not scanned
const HELPER_NAME = /^[A-Za-z_$][\w$]{2,80}$/;

type Producers = { nested: ProducerUse[]; nullOrigins: Set<string> };

/**
 * The producers below the frames' feeding calls (producerChain.ts), reading at TO the files that declare
 * helpers on the chain when none of `read` does. `read` (path → lines at TO) gains the files read.
 */
export async function followProducers(
  port: SuspectGitPort,
  to: string,
  uses: NameUse[],
  read: Map<string, string[]>,
  codeFile: RegExp,
): Promise<Producers> {
  const skip = (n: string) => NOT_HELPERS.has(n);
  const feeding = uses.filter(isFeedingCall).map((u) => u.name);
  let producers = producerUses(uses, [...read.values()], declarationLine, skip);
  let names = feeding;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const added = await readDeclaringFiles(port, to, names, read, codeFile);
    if (added === 0) break;
    producers = producerUses(uses, [...read.values()], declarationLine, skip);
    names = producers.nested.filter((u) => u.kind === 'call').map((u) => u.name);
  }
  return producers;
}

/** Reads the files at TO declaring those of `names` no file in `read` declares; the number of files added. */
async function readDeclaringFiles(
  port: SuspectGitPort,
  to: string,
  names: string[],
  read: Map<string, string[]>,
  codeFile: RegExp,
): Promise<number> {
  const texts = [...read.values()];
  const missing = [...new Set(names)]
    .filter((n) => HELPER_NAME.test(n) && !NOT_HELPERS.has(n) && !texts.some((l) => declarationLine(l, n) !== null))
    .slice(0, MAX_NAMES);
  if (missing.length === 0) return 0;
  let listing: string;
  try {
    listing = await port.runImmutable(['grep', '-l', '-w', '-F', ...missing.flatMap((n) => ['-e', n]), to, '--']);
  } catch {
    // git grep exits 1 when no file matches; a chain it cannot follow only leaves evidence unfound.
    return 0;
  }
  const paths = listing
    .split('\n')
    .map((l) => l.slice(l.indexOf(':') + 1))
    .filter((p) => p && codeFile.test(p) && !isTestPath(p) && !read.has(p))
    .slice(0, MAX_FILES);
  let added = 0;
  for (const path of paths) {
    const text = await port.show(to, path);
    if (text === null || text.length > MAX_FILE_CHARS) continue;
    const lines = text.split('\n');
    if (!missing.some((n) => declarationLine(lines, n) !== null)) continue;
    read.set(path, lines);
    added++;
  }
  return added;
}

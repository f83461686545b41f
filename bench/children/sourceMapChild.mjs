// N source-map lookups from cold in a fresh process, through Culprit's mapper or through the floor
// (@jridgewell/trace-mapping called directly: read + JSON.parse + TraceMap + originalPositionFor).
// Wall and CPU (user+sys, all threads) are read after the 1st, 1,000th, 1,001st and last lookup,
// then the lookups 2–1,001 run again (JIT-warm).
// argv: <culprit|floor> <core bundle> <root> <generated rel path> <map file> <positions json>.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const [variant, bundle, root, genRel, mapFile, positionsFile] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const positions = JSON.parse(readFileSync(positionsFile, 'utf8'));

let mapper = null;
function culpritLookup() {
  mapper = require(bundle).createSourceMapper({ root });
  return (line, column) => mapper.mapPosition(genRel, line, column);
}

function floorLookup() {
  const { TraceMap, originalPositionFor, GREATEST_LOWER_BOUND } = require('@jridgewell/trace-mapping');
  let map = null;
  return (line, column) => {
    map ??= new TraceMap(JSON.parse(readFileSync(mapFile, 'utf8')), mapFile);
    return originalPositionFor(map, { line, column: column - 1, bias: GREATEST_LOWER_BOUND });
  };
}

const lookup = variant === 'floor' ? floorLookup() : culpritLookup();
const out = new Array(positions.length);
const marks = {};
const mark = (n, t0, c0) => {
  const cpu = process.cpuUsage(c0);
  marks[n] = { wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
};
const run = (from, to) => {
  for (let i = from; i < to; i++) out[i] = lookup(positions[i][0], positions[i][1]);
};

const c0 = process.cpuUsage();
const t0 = performance.now();
run(0, 1);
mark(1, t0, c0);
const rssAfterFirst = process.memoryUsage().rss;
let done = 1;
for (const n of [1000, 1001, positions.length]) {
  run(done, n);
  mark(n, t0, c0);
  done = n;
}
const t2 = performance.now();
for (let i = 1; i <= 1000; i++) lookup(positions[i][0], positions[i][1]);
const warm1000Ms = performance.now() - t2;

// Culprit answers 1-based columns and repo files; the floor 0-based: compare source|line|column|name.
const hash = createHash('sha1');
let withFile = 0;
for (const p of out) {
  const column = p?.column === null || p?.column === undefined ? null : variant === 'floor' ? p.column + 1 : p.column;
  hash.update(p && p.source !== null ? `${p.source}|${p.line}|${column}|${p.name}\n` : 'null\n');
  if (p?.file) withFile++;
}
process.stdout.write(
  `${JSON.stringify({ marks, warm1000Ms, rssAfterFirst, cachedBytes: mapper?.cachedBytes ?? null, maxRssKb: process.resourceUsage().maxRSS, hash: hash.digest('hex'), withFile })}\n`,
);

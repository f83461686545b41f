// First mapPosition through an uncached 10 MB+ map (read + parse + init), then 1,000 cached
// lookups, in a fresh process. argv: <core bundle> <root> <generated rel path> <positions json>.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const [bundle, root, genRel, positionsFile] = process.argv.slice(2);
const { createSourceMapper } = createRequire(import.meta.url)(bundle);
const positions = JSON.parse(readFileSync(positionsFile, 'utf8'));
const mapper = createSourceMapper({ root });

const t0 = performance.now();
const first = mapper.mapPosition(genRel, positions[0].line, positions[0].column);
const firstMs = performance.now() - t0;
const rssAfterFirst = process.memoryUsage().rss;

const out = new Array(positions.length);
const t1 = performance.now();
for (let i = 0; i < positions.length; i++) out[i] = mapper.mapPosition(genRel, positions[i].line, positions[i].column);
const lookupsMs = performance.now() - t1;
// The same 1,000 again: the mapper's own code is JIT-warm now.
const t2 = performance.now();
for (let i = 0; i < positions.length; i++) mapper.mapPosition(genRel, positions[i].line, positions[i].column);
const lookupsWarmMs = performance.now() - t2;

const rendered = out.map((p) => (p ? `${p.source}|${p.line}|${p.column}|${p.name}` : null));
process.stdout.write(
  `${JSON.stringify({ firstMs, lookupsMs, lookupsWarmMs, rssAfterFirst, firstFile: first?.file ?? null, withFile: out.filter((p) => p?.file).length, rendered })}\n`,
);

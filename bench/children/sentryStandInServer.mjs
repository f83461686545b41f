// Serves the Sentry stand-in (test/helpers/sentryStandIn.ts) with N issues in its own process,
// so the server's work does not share the measured event loop. Run with `node --import tsx`.
// argv: <issue count> [latency ms per response]. Prints `{"url": …}` once listening; each `stats`
// line on stdin prints the requests seen so far and the most seen in flight at once; exits when
// stdin closes.
import { createInterface } from 'node:readline';
import { startSentryStandIn } from '../../test/helpers/sentryStandIn.ts';

const [issueCount, latencyMs] = process.argv.slice(2).map(Number);
const server = await startSentryStandIn({ token: 'bench-token', issueCount, latencyMs: latencyMs || 0 });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  if (line.trim() !== 'stats') return;
  const routes = {};
  for (const r of server.requests) routes[r.route] = (routes[r.route] ?? 0) + 1;
  process.stdout.write(`${JSON.stringify({ requests: server.count(), routes, maxInFlight: server.maxInFlight })}\n`);
});
input.on('close', async () => {
  await server.close();
  process.exit(0);
});

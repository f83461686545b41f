// Serves the Sentry stand-in (test/helpers/sentryStandIn.ts) with N issues in its own process,
// so the server's work does not share the measured event loop. Run with `node --import tsx`.
// argv: <issue count>. Prints `{"url": …}` once listening; exits when stdin closes.
import { startSentryStandIn } from '../../test/helpers/sentryStandIn.ts';

const server = await startSentryStandIn({ token: 'bench-token', issueCount: Number(process.argv[2]) });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await server.close();
  process.exit(0);
});

// How many requests a Sentry listing keeps in flight, counted where they arrive. A relay in front
// of the stand-in holds every answer and hands one back only while 4 requests are open (arrived,
// not yet answered): a listing that keeps 4 in flight sends its next request at once, and the
// relay goes on. When fewer are open it waits, then lets the oldest answer go and counts a stall:
// the times the listing had nothing else to ask. The wait is only there so the listing ends;
// nothing here is timed. The bench's target (1,000 issues at 50 ms within 1.3× of requests / 4 ×
// 50 ms) needs both: never more than 4, and 4 open whenever the listing has more to ask.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { useSentryRig } from '../../helpers/sentryRig';

const TOKEN = 'canarytok_CANARY_5d1e2c9a7b3f4e80_token';
const IN_FLIGHT = 4;
const STALL_WAIT_MS = 500;
/** Past this many stalls the relay stops holding answers: the test fails at once instead of stalling on. */
const MAX_STALLS = 15;

interface Held {
  path: string;
  send: () => void;
}

/** The relay: answers held until `IN_FLIGHT` requests are open; each answer let go with fewer is a stall. */
async function gatingRelay(target: string) {
  const agent = new http.Agent({ keepAlive: true });
  const held: Held[] = [];
  const stalls: Array<{ path: string; open: number }> = [];
  let open = 0;
  let mostOpen = 0;
  let timer: NodeJS.Timeout | null = null;
  const letGo = (): void => {
    open--;
    held.shift()?.send();
  };
  // A stall: an answer held and fewer than 4 open, with no request arriving for the whole wait.
  const pump = (): void => {
    while (held.length > 0 && (open >= IN_FLIGHT || stalls.length > MAX_STALLS)) letGo();
    if (timer) clearTimeout(timer);
    timer = null;
    if (held.length === 0) return;
    timer = setTimeout(() => {
      timer = null;
      stalls.push({ path: held[0].path, open });
      letGo();
      pump();
    }, STALL_WAIT_MS);
  };
  const server = http.createServer((req, res) => {
    open++;
    mostOpen = Math.max(mostOpen, open);
    const path = req.url ?? '';
    const upstream = http.request(new URL(path, target), { method: req.method, headers: req.headers, agent }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        held.push({
          path,
          send: () => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(Buffer.concat(chunks));
          },
        });
        pump();
      });
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stalls,
    get mostOpen() {
      return mostOpen;
    },
    close: async (): Promise<void> => {
      if (timer) clearTimeout(timer);
      server.closeAllConnections();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('Sentry listing: requests in flight, counted at the server', function () {
  this.timeout(120_000);
  const { start, source } = useSentryRig(TOKEN);

  it('300 issues: never more than 4 in flight, and 4 whenever the listing has more to ask', async () => {
    const s = await start({ issueCount: 300 });
    const relay = await gatingRelay(s.url);
    try {
      const res = await source(s, { baseUrl: relay.url }).listSamples({ limit: 300 });
      assert.equal(res.failures.length, 0, res.failures[0]?.message);
      assert.equal(res.samples.length, 300);
      assert.equal(s.count('event'), 300);
      assert.equal(s.count('issue'), 100, 'details for the first 100');
      assert.ok(relay.mostOpen <= IN_FLIGHT, `${relay.mostOpen} requests in flight at once`);
      assert.equal(relay.mostOpen, IN_FLIGHT);
      // Stalls where the listing has one thing to wait for, each a chain: the org, each page of issues
      // (a page's cursor comes from the one before), the release, its previous one and that one's
      // deploys (every issue's deploy range waits on them, holding the first issues' answers), and
      // the last 3 answers: 12 in all, counted on this listing; a listing that kept 3 in flight
      // would stall on nearly every one of its 400 per-issue requests (a pool of 2 fails here). Up to
      // MAX_STALLS allows for a loaded machine pausing the listing longer than the wait.
      const detail = JSON.stringify(relay.stalls.map((x) => `${x.path.replace(/\?.*/, '')} (${x.open} open)`));
      const pages = relay.stalls.filter((x) => /\/issues\/\?/.test(x.path)).length;
      const releases = relay.stalls.filter((x) => x.path.includes('/releases/')).length;
      assert.equal(pages, 3, `a stall per page of 100: ${detail}`);
      assert.equal(releases, 3, `the release chain: ${detail}`);
      assert.ok(relay.stalls.length <= MAX_STALLS, `${relay.stalls.length} stalls: ${detail}`);
    } finally {
      await relay.close();
    }
  });
});

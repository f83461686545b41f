/**
 * The fault matrix's credential rows, for every rig: an origin change on the same host (a redirect
 * to another port of 127.0.0.1, and the provider's own data naming that port: Sentry's region URL,
 * Bugsnag's `rel="next"` link) gets no request there; a token echoed in an issue title is shown
 * nowhere, not by the source (what the tree and panel get) nor in the CLI's table or JSON. The
 * other origin is a real server on the same host that records whatever reaches it.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { closeStandIn, listenOnLoopback } from '../../helpers/standInResponse';
import { rejection } from '../../helpers/rejection';
import { runTriageCli } from '../../helpers/demoScenario';
import { createTempRepo, type TempRepo } from '../../helpers/gitRepo';
import { CANARIES, RIGS, type Rig, type Stand, type StandOptions } from './faultRigs';

interface OtherOrigin {
  url: string;
  /** What reached it: path and the credential headers, so a test can say what leaked. */
  seen: string[];
  close(): Promise<void>;
}

/** A server on another port of the same host, answering 200 to anything and recording it. */
async function otherOrigin(): Promise<OtherOrigin> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    const h = req.headers;
    seen.push(`${req.method} ${req.url} ${h.authorization ?? ''} ${h['dd-api-key'] ?? ''}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('[]');
  });
  return { url: await listenOnLoopback(server), seen, close: () => closeStandIn(server) };
}

const noCanary = (text: string, where: string): void => {
  for (const c of CANARIES) assert.ok(!text.includes(c), `secret in ${where}: ${text.slice(0, 300)}`);
};

/** A title that carries the rig's secret, as an error raised by a failed authenticated call does. */
const echoingTitle =
  (rig: Rig) =>
  (i: number): string =>
    `AuthError: curl -H "Authorization: token ${rig.secret}" failed ${i} (${encodeURIComponent(rig.secret)})`;

describe('fault matrix: origin changes on the same host and tokens echoed in provider data', function () {
  this.timeout(120_000);
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => void (await Promise.all(closers.splice(0).map((c) => c()))));
  const start = async (rig: Rig, o?: StandOptions): Promise<Stand> => {
    const s = await rig.start(o);
    closers.push(() => s.close());
    return s;
  };
  const other = async (): Promise<OtherOrigin> => {
    const o = await otherOrigin();
    closers.push(() => o.close());
    return o;
  };

  for (const rig of RIGS) {
    describe(rig.name, () => {
      it('a redirect to another port of the same host is not followed: no request there', async () => {
        const elsewhere = await other();
        const s = await start(rig);
        s.fault(rig.listRoute, { status: 307, headers: { location: `${elsewhere.url}/moved` } });
        const e = await rejection(rig.source(s.url).listSamples({ limit: 3 }));
        noCanary(`${e.message} ${JSON.stringify(e.details ?? {})}`, 'the error');
        assert.equal(e.reason, 'bad-response');
        assert.match(e.message, /answered with a redirect \(307\); check the base URL/);
        assert.deepEqual(elsewhere.seen, [], 'a request reached the other origin');
      });

      if (rig.namesOrigins)
        it("another port of the same host named in the provider's own data gets no request", async () => {
          const elsewhere = await other();
          const lines: string[] = [];
          const s = await start(rig, { otherOrigin: elsewhere.url });
          const res = await rig.source(s.url, {}, (l) => void lines.push(l)).listSamples({ limit: 5 });
          assert.deepEqual(
            res.samples.map((x) => x.group.id),
            rig.ids,
          );
          assert.deepEqual(elsewhere.seen, [], 'a request reached the other origin');
          // Sentry ignores the region URL; Bugsnag asks its next page on the configured origin.
          assert.equal(s.count(rig.listRoute), rig.name === 'Bugsnag' ? 2 : 1);
          noCanary(lines.join('\n'), 'the log');
        });

      it('a token in an issue title: the samples (what the tree and panel show) carry none', async () => {
        const s = await start(rig, { title: echoingTitle(rig) });
        const res = await rig.source(s.url).listSamples({ limit: 3 });
        assert.equal(res.samples.length, 3, JSON.stringify(res.failures));
        noCanary(JSON.stringify(res), 'the samples');
        assert.match(res.samples[0].group.title, /\[redacted\]/);
      });
    });
  }

  describe('through the built CLI (npm run build first)', () => {
    let repo: TempRepo;
    let deploy = '';
    before(() => {
      repo = createTempRepo();
      repo.write('src/app.js', 'module.exports = () => 1;\n');
      const first = repo.commit('init');
      repo.write('src/app.js', 'module.exports = () => 2;\n');
      deploy = `${first}..${repo.commit('change')}`;
    });
    after(() => repo?.cleanup());

    for (const rig of RIGS)
      it(`${rig.name}: a token in an issue title is in neither the table nor the JSON`, async () => {
        const s = await start(rig, { title: echoingTitle(rig) });
        const { args, env } = rig.cli(s.url);
        const base = [...args, '--repo', repo.dir, '--deploy', deploy, '-v'];
        const [table, json] = await Promise.all([runTriageCli(base, env), runTriageCli([...base, '--json'], env)]);
        for (const [name, r] of [
          ['table', table],
          ['JSON', json],
        ] as const) {
          assert.equal(r.code, 0, r.stderr);
          noCanary(r.stdout, `the ${name} on stdout`);
          noCanary(r.stderr, `stderr of the ${name} run`);
          assert.match(r.stdout, /\[redacted\]/, `the ${name} shows the title, redacted`);
        }
      });
  });
});

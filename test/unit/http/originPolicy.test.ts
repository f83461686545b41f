import assert from 'node:assert/strict';
import { credentialsMayGo, effectivePort } from '../../../src/core/http/originPolicy';
import { buildRequestUrl } from '../../../src/core/http/requestUrl';
import { CulpritError } from '../../../src/core/errors';

const u = (s: string): URL => new URL(s);
const sentryRegion = (h: string): boolean => h.endsWith('.sentry.io');

describe('where credentials may go (scheme, host and port)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['https://sentry.acme.dev', 'https://sentry.acme.dev/api/0/', true],
    ['https://sentry.acme.dev', 'https://SENTRY.acme.dev:443/', true],
    ['https://sentry.acme.dev', 'https://sentry.acme.dev:8443/', false],
    ['http://127.0.0.1:9000', 'http://127.0.0.1:9001/', false],
    ['http://127.0.0.1:9000', 'http://localhost:9000/', false],
    ['https://sentry.acme.dev', 'http://sentry.acme.dev/', false],
    ['http://sentry.acme.dev', 'https://sentry.acme.dev/', false],
    ['https://sentry.acme.dev', 'https://a.sentry.acme.dev/', false],
    ['https://sentry.acme.dev', 'https://user:pw@sentry.acme.dev/', false],
    ['https://sentry.acme.dev', 'ftp://sentry.acme.dev/', false],
  ];
  for (const [base, target, ok] of cases) {
    it(`${base} → ${target}: ${ok ? 'allowed' : 'refused'}`, () => {
      assert.equal(credentialsMayGo(u(base), u(target)), ok);
    });
  }

  it('a provider region host is allowed only on the same scheme and port', () => {
    assert.equal(credentialsMayGo(u('https://sentry.io'), u('https://de.sentry.io'), sentryRegion), true);
    assert.equal(credentialsMayGo(u('https://sentry.io'), u('https://de.sentry.io:444'), sentryRegion), false);
    assert.equal(credentialsMayGo(u('https://sentry.io'), u('http://de.sentry.io'), sentryRegion), false);
    assert.equal(credentialsMayGo(u('https://sentry.io'), u('https://sentry.io.evil.example'), sentryRegion), false);
  });

  it('effective ports fill in the scheme default', () => {
    assert.equal(effectivePort(u('https://a')), '443');
    assert.equal(effectivePort(u('http://a')), '80');
    assert.equal(effectivePort(u('http://a:8080')), '8080');
  });

  it('an absolute request URL on another port of the base host is refused before any request', () => {
    const redact = (s: string): string => s;
    assert.throws(
      () => buildRequestUrl(u('http://127.0.0.1:9000'), 'http://127.0.0.1:9001/api/', undefined, 'Datadog', redact),
      (e: unknown) => CulpritError.is(e, 'invalid-input'),
    );
    assert.equal(
      buildRequestUrl(u('http://127.0.0.1:9000/x'), 'http://127.0.0.1:9000/api/', undefined, 'Datadog', redact).href,
      'http://127.0.0.1:9000/api/',
    );
  });
});

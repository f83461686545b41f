// FRESH2 scenarios: a second blind set for issue #7, written without reading the ranking rules
// (src/core/suspects/, src/core/triage/) or the other sets' bug designs, while those rules were
// being changed from the older sets' misses. Only generated and checked to crash as intended
// before the rule change landed; the scorer reports them apart (`fresh2: true`) and keeps them out
// of every other row. Domains: loyalty points, currency formatting, webhook signatures, A/B
// assignment, template rendering, document conversion, invoice import, audit logging, upload
// validation, rate limiting, a retrying client, a cache warmer. Never tune the ranking to them.

const NODE_IGNORE = 'dist/\nout/\nnode_modules/\n';
const PY_IGNORE = '__pycache__/\n.venv/\n';
const JAVA_IGNORE = 'out/\n*.class\ntarget/\n';
const pkg = (name, deps) =>
  `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'main.js', dependencies: deps }, null, 2)}\n`;
const pom = (artifact, deps) =>
  `<project>\n  <groupId>com.acme</groupId>\n  <artifactId>${artifact}</artifactId>\n  <version>1.0.0</version>\n  <dependencies>\n${deps.map(([g, a, v]) => `    <dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>\n`).join('')}  </dependencies>\n</project>\n`;
const SAME_DAY = 20;

// ---- 1. loyalty ledger (JS classes): a tier threshold comparison went strict ----
const LOY = {
  tiers: 'src/loyalty/tiers.js',
  ledger: 'src/loyalty/pointsLedger.js',
  rounding: 'src/loyalty/rounding.js',
  hook: 'src/loyalty/checkoutHook.js',
};
const loyaltyJs = {
  'main.js': String.raw`'use strict';
const { PointsLedger } = require('./src/loyalty/pointsLedger');
const { onOrderPaid } = require('./src/loyalty/checkoutHook');

const ledger = new PointsLedger();
const orders = [
  { id: 'o-1', memberId: 'm-17', totalCents: 4599 },
  { id: 'o-2', memberId: 'm-17', totalCents: 12950 },
  { id: 'o-3', memberId: 'm-42', totalCents: 899 },
];
for (const order of orders) console.log(order.id, onOrderPaid(ledger, order));
`,
  'package.json': pkg('loyalty-service', { pg: '^8.11.3' }),
  [LOY.tiers]: String.raw`'use strict';

// Highest first: a balance belongs to the first tier whose threshold it reaches.
const TIERS = [
  { name: 'gold', min: 5000, multiplier: 2 },
  { name: 'silver', min: 1000, multiplier: 1.5 },
  { name: 'bronze', min: 0, multiplier: 1 },
];

// @filler 1

function tierFor(balance) {
  return TIERS.find((tier) => balance >= tier.min);
}

module.exports = { TIERS, tierFor };
`,
  [LOY.rounding]: String.raw`'use strict';

// @filler 2

function roundPoints(points) {
  return Math.floor(points);
}

module.exports = { roundPoints };
`,
  [LOY.ledger]: String.raw`'use strict';
const { tierFor } = require('./tiers');
const { roundPoints } = require('./rounding');

// @filler 1

class PointsLedger {
  constructor() {
    this.entries = [];
    this.balances = new Map();
  }

  balanceOf(memberId) {
    return this.balances.get(memberId) ?? 0;
  }

  accrue(memberId, amountCents) {
    const tier = tierFor(this.balanceOf(memberId));
    const earned = roundPoints((amountCents / 100) * tier.multiplier);
    this.entries.push({ memberId, kind: 'accrue', points: earned });
    this.balances.set(memberId, this.balanceOf(memberId) + earned);
    return earned;
  }

  redeem(memberId, points) {
    if (points > this.balanceOf(memberId)) throw new Error('member ' + memberId + ' has too few points');
    this.entries.push({ memberId, kind: 'redeem', points: -points });
    this.balances.set(memberId, this.balanceOf(memberId) - points);
  }
}

// @filler 1

module.exports = { PointsLedger };
`,
  [LOY.hook]: String.raw`'use strict';

// @filler 1

function onOrderPaid(ledger, order) {
  return ledger.accrue(order.memberId, order.totalCents);
}

module.exports = { onOrderPaid };
`,
};

// ---- 2. currency formatter (JS modules): rounding to minor units removed elsewhere ----
const CUR = {
  money: 'src/money/minorUnits.js',
  formatter: 'src/money/currencyFormatter.js',
  table: 'src/money/currencies.js',
  receipt: 'src/money/receipt.js',
};
const currencyJs = {
  'main.js': String.raw`'use strict';
const { receiptLines } = require('./src/money/receipt');

const items = [
  { name: 'Flat white', price: 3.2 },
  { name: 'Croissant', price: 1.15 },
  { name: 'Orange juice', price: 2.5 },
];
console.log(receiptLines(items, 'EUR').join('\n'));
`,
  'package.json': pkg('pos-receipts', { 'date-fns': '^3.3.1' }),
  [CUR.money]: String.raw`'use strict';

// @filler 1

function toMinorUnits(amount, exponent = 2) {
  return Math.round(amount * 10 ** exponent);
}

function fromMinorUnits(minor, exponent = 2) {
  return Number(minor) / 10 ** exponent;
}

module.exports = { toMinorUnits, fromMinorUnits };
`,
  [CUR.table]: String.raw`'use strict';

const CURRENCIES = {
  EUR: { symbol: '€', exponent: 2, decimal: ',' },
  USD: { symbol: '$', exponent: 2, decimal: '.' },
  JPY: { symbol: '¥', exponent: 0, decimal: '.' },
};

module.exports = { CURRENCIES };
`,
  [CUR.formatter]: String.raw`'use strict';
const { toMinorUnits } = require('./minorUnits');
const { CURRENCIES } = require('./currencies');

// @filler 1

function formatAmount(amount, currency) {
  const spec = CURRENCIES[currency];
  const minor = BigInt(toMinorUnits(amount, spec.exponent));
  const unit = 10n ** BigInt(spec.exponent);
  const whole = minor / unit;
  const frac = (minor % unit).toString().padStart(spec.exponent, '0');
  return spec.symbol + whole + (spec.exponent ? spec.decimal + frac : '');
}

// @filler 1

module.exports = { formatAmount };
`,
  [CUR.receipt]: String.raw`'use strict';
const { formatAmount } = require('./currencyFormatter');

// @filler 1

function receiptLines(items, currency) {
  return items.map((item) => item.name + ': ' + formatAmount(item.price, currency));
}

module.exports = { receiptLines };
`,
};

// ---- 3. webhook signature verifier (JS async, @sentry/node): a caller's guard removed ----
const HOOK = {
  signature: 'src/webhooks/signature.js',
  receiver: 'src/webhooks/receiver.js',
  body: 'src/webhooks/body.js',
  events: 'src/webhooks/events.js',
};
const webhookJs = {
  'main.js': String.raw`'use strict';
const crypto = require('node:crypto');
const { receive } = require('./src/webhooks/receiver');

const SECRET = 'whsec_demo';
const NOW = 1738400000;
const payload = JSON.stringify({ type: 'invoice.paid', id: 'evt_1' });
const signed = 't=' + NOW + ',v1=' + crypto.createHmac('sha256', SECRET).update(NOW + '.' + payload).digest('hex');

async function main() {
  const deliveries = [
    { headers: { 'x-signature': signed }, body: [payload] },
    { headers: {}, body: [JSON.stringify({ type: 'ping' })] },
  ];
  for (const request of deliveries) console.log(JSON.stringify(await receive(request, SECRET, NOW)));
}

main();
`,
  'package.json': pkg('webhook-gateway', { '@sentry/node': '^10.0.0', fastify: '^4.26.0' }),
  [HOOK.body]: String.raw`'use strict';

// @filler 1

async function readBody(request) {
  const chunks = [];
  for await (const chunk of request.body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

module.exports = { readBody };
`,
  [HOOK.signature]: String.raw`'use strict';
const crypto = require('node:crypto');

const TOLERANCE_SECONDS = 300;

// @filler 1

function parseHeader(header) {
  const parts = {};
  for (const pair of header.split(',')) {
    const [key, value] = pair.split('=');
    parts[key.trim()] = value;
  }
  return { timestamp: Number(parts.t), signature: parts.v1 ?? '' };
}

function verifySignature(secret, payload, header, now) {
  const { timestamp, signature } = parseHeader(header);
  if (Math.abs(now - timestamp) > TOLERANCE_SECONDS) return false;
  const expected = crypto.createHmac('sha256', secret).update(timestamp + '.' + payload).digest('hex');
  return signature.length === expected.length && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

module.exports = { verifySignature, parseHeader };
`,
  [HOOK.events]: String.raw`'use strict';

const HANDLED = new Set(['invoice.paid', 'invoice.failed', 'ping']);

// @filler 1

function toEvent(payload) {
  const event = JSON.parse(payload);
  return { type: event.type, id: event.id ?? null, handled: HANDLED.has(event.type) };
}

module.exports = { toEvent };
`,
  [HOOK.receiver]: String.raw`'use strict';
const { readBody } = require('./body');
const { verifySignature } = require('./signature');
const { toEvent } = require('./events');

// @filler 1

async function receive(request, secret, now) {
  const header = request.headers['x-signature'];
  if (!header) return { status: 400, error: 'missing signature' };
  const payload = await readBody(request);
  if (!verifySignature(secret, payload, header, now)) return { status: 401, error: 'bad signature' };
  return { status: 200, event: toEvent(payload) };
}

module.exports = { receive };
`,
};

// ---- 4. A/B assignment (JS classes + DI container, @sentry/node): a dependency renamed ----
const AB = {
  container: 'src/ab/container.js',
  di: 'src/ab/di.js',
  service: 'src/ab/assignmentService.js',
  bucketer: 'src/ab/bucketer.js',
  exposure: 'src/ab/exposureLogger.js',
  store: 'src/ab/assignmentStore.js',
};
const abJs = {
  'main.js': String.raw`'use strict';
const { buildContainer } = require('./src/ab/container');

const EXPERIMENTS = [
  { key: 'checkout-v2', salt: 'c2', variants: [{ name: 'control', weight: 5000 }, { name: 'one-page', weight: 5000 }] },
  { key: 'price-badge', salt: 'pb', variants: [{ name: 'off', weight: 9000 }, { name: 'on', weight: 1000 }] },
];

async function main() {
  const assignments = buildContainer(EXPERIMENTS).get('assignments');
  for (const user of ['u-1', 'u-2', 'u-3']) console.log(user, await assignments.assign(user, 'checkout-v2'));
}

main();
`,
  'package.json': pkg('ab-assign', { '@sentry/node': '^10.0.0', ioredis: '^5.3.2' }),
  [AB.di]: String.raw`'use strict';

// A tiny container: providers are resolved lazily, once; unknown names are optional (undefined).
class Container {
  constructor() {
    this.providers = new Map();
    this.instances = new Map();
  }

  register(name, provider) {
    this.providers.set(name, provider);
    return this;
  }

  get(name) {
    if (!this.instances.has(name)) {
      const provider = this.providers.get(name);
      this.instances.set(name, provider ? provider((dep) => this.get(dep)) : undefined);
    }
    return this.instances.get(name);
  }
}

module.exports = { Container };
`,
  [AB.bucketer]: String.raw`'use strict';

// @filler 1

class HashBucketer {
  constructor(slots) {
    this.slots = slots;
  }

  slot(key) {
    let h = 2166136261;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
    return (h >>> 0) % this.slots;
  }
}

module.exports = { HashBucketer };
`,
  [AB.store]: String.raw`'use strict';

class AssignmentStore {
  constructor() {
    this.rows = new Map();
  }

  async get(key) {
    return this.rows.get(key) ?? null;
  }

  async set(key, variant) {
    this.rows.set(key, variant);
  }
}

module.exports = { AssignmentStore };
`,
  [AB.exposure]: String.raw`'use strict';

class ExposureLogger {
  constructor(bucketer) {
    this.bucketer = bucketer;
    this.sampled = [];
  }

  log(userId, experimentKey, variant) {
    if (this.bucketer.slot('exposure:' + userId) < 100) this.sampled.push({ userId, experimentKey, variant });
  }
}

module.exports = { ExposureLogger };
`,
  [AB.service]: String.raw`'use strict';

// @filler 1

class AssignmentService {
  constructor({ bucketer, store, experiments }) {
    this.bucketer = bucketer;
    this.store = store;
    this.experiments = experiments;
  }

  async assign(userId, experimentKey) {
    const cached = await this.store.get(experimentKey + ':' + userId);
    if (cached) return cached;
    const experiment = this.experiments.find((e) => e.key === experimentKey);
    const slot = this.bucketer.slot(experiment.salt + ':' + userId);
    let upTo = 0;
    for (const variant of experiment.variants) {
      upTo += variant.weight;
      if (slot < upTo) {
        await this.store.set(experimentKey + ':' + userId, variant.name);
        return variant.name;
      }
    }
    return experiment.variants[0].name;
  }
}

// @filler 1

module.exports = { AssignmentService };
`,
  [AB.container]: String.raw`'use strict';
const { Container } = require('./di');
const { HashBucketer } = require('./bucketer');
const { AssignmentStore } = require('./assignmentStore');
const { AssignmentService } = require('./assignmentService');

function buildContainer(experiments) {
  return new Container()
    .register('experiments', () => experiments)
    .register('bucketer', () => new HashBucketer(10000))
    .register('store', () => new AssignmentStore())
    .register('assignments', (get) => new AssignmentService({ bucketer: get('bucketer'), store: get('store'), experiments: get('experiments') }));
}

module.exports = { buildContainer };
`,
};

// ---- 5. template renderer (JS, minified bundle + map): the placeholder regex loosened ----
const TPL = {
  lexer: 'src/template/lexer.js',
  scope: 'src/template/scope.js',
  renderer: 'src/template/renderer.js',
  escape: 'src/template/escapeHtml.js',
};
const templateJs = {
  'main.js': String.raw`'use strict';
const { render } = require('./src/template/renderer');

const page = '<p>Hello {{ user.name }}, order {{ order.id }} ships {{ order.eta }}.</p>';
console.log(render(page, { user: { name: 'Ada' }, order: { id: 'A-1009', eta: 'tomorrow' } }));
`,
  'package.json': pkg('mail-templates', { nodemailer: '^6.9.8' }),
  [TPL.escape]: String.raw`'use strict';

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, (c) => ENTITIES[c]);
}

module.exports = { escapeHtml };
`,
  [TPL.lexer]: String.raw`'use strict';

// Placeholders look like {{ user.name }}; everything else is literal text.
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

// @filler 1

function tokenize(source) {
  const tokens = [];
  let last = 0;
  for (const m of source.matchAll(PLACEHOLDER)) {
    if (m.index > last) tokens.push({ type: 'text', value: source.slice(last, m.index) });
    tokens.push({ type: 'var', path: m[1].split('.') });
    last = m.index + m[0].length;
  }
  if (last < source.length) tokens.push({ type: 'text', value: source.slice(last) });
  return tokens;
}

module.exports = { tokenize };
`,
  [TPL.scope]: String.raw`'use strict';

// @filler 1

function resolve(scope, path) {
  let value = scope;
  for (const key of path) value = value[key];
  return value;
}

module.exports = { resolve };
`,
  [TPL.renderer]: String.raw`'use strict';
const { tokenize } = require('./lexer');
const { resolve } = require('./scope');
const { escapeHtml } = require('./escapeHtml');

// @filler 1

function render(source, scope) {
  return tokenize(source)
    .map((token) => (token.type === 'text' ? token.value : escapeHtml(resolve(scope, token.path) ?? '')))
    .join('');
}

module.exports = { render };
`,
};

// ---- 6. document converter (Python, context manager): convert()'s parameters swapped ----
const CONV = {
  converter: 'convert/converter.py',
  registry: 'convert/registry.py',
  formats: 'convert/formats.py',
  jobs: 'convert/jobs.py',
};
const converterPy = {
  'main.py':
    'import json\n\nfrom convert.jobs import run_job\n\nfor job in [{"id": "j-1", "body": "# Title\\nSome *text*.", "source": "markdown", "target": "html"}]:\n    print(json.dumps(run_job(job)))\n',
  'convert/__init__.py': '',
  'requirements.txt': 'markdown==3.5.2\n',
  [CONV.formats]: String.raw`import html

# @filler 1


def parse_markdown(text):
    blocks = []
    for line in text.splitlines():
        if line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.strip():
            blocks.append(("p", line.replace("*", "")))
    return blocks


def parse_rst(text):
    return [("p", line) for line in text.splitlines() if line.strip()]


def write_html(blocks):
    return "".join(f"<{tag}>{html.escape(body)}</{tag}>" for tag, body in blocks)


def write_text(blocks):
    return "\n".join(body for _tag, body in blocks)
`,
  [CONV.registry]: String.raw`from convert.formats import parse_markdown, parse_rst, write_html, write_text

PARSERS = {"markdown": parse_markdown, "rst": parse_rst}
WRITERS = {"html": write_html, "text": write_text}
`,
  [CONV.converter]: String.raw`from convert.registry import PARSERS, WRITERS

# @filler 1


def convert(text, source, target):
    parse = PARSERS[source]
    write = WRITERS[target]
    return write(parse(text))


# @filler 1
`,
  [CONV.jobs]: String.raw`from contextlib import contextmanager

from convert.converter import convert


@contextmanager
def job_scope(job):
    job["state"] = "running"
    try:
        yield job
        job["state"] = "done"
    except Exception:
        job["state"] = "failed"
        raise


def run_job(job):
    with job_scope(job):
        job["output"] = convert(job["body"], job["source"], job["target"])
    return job
`,
};

// ---- 7. invoice import (Python generators): a locale's separators swapped ----
const INV = {
  locales: 'invoices/locales.py',
  amounts: 'invoices/amounts.py',
  importer: 'invoices/importer.py',
  totals: 'invoices/totals.py',
};
const invoicesPy = {
  'main.py':
    'import json\n\nfrom invoices.importer import import_rows\nfrom invoices.totals import totals_by_customer\n\nDATA = "customer;amount;locale\\nacme-bv;1.250,00;nl-NL\\nglobex;980.50;en-US\\nacme-bv;2.345.000,00;nl-NL\\n"\nprint(json.dumps(totals_by_customer(import_rows(DATA))))\n',
  'invoices/__init__.py': '',
  'requirements.txt': 'babel==2.14.0\n',
  [INV.locales]: String.raw`# (group separator, decimal separator) per locale, as the bank exports write them.
SEPARATORS = {
    "en-US": (",", "."),
    "en-GB": (",", "."),
    "nl-NL": (".", ","),
    "de-DE": (".", ","),
}
`,
  [INV.amounts]: String.raw`from invoices.locales import SEPARATORS

# @filler 1


def parse_amount(text, locale):
    group, decimal = SEPARATORS[locale]
    cleaned = text.replace(group, "").replace(decimal, ".")
    return float(cleaned)


# @filler 1
`,
  [INV.importer]: String.raw`import csv
import io

from invoices.amounts import parse_amount


def import_rows(text):
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        yield {"customer": row["customer"], "amount": parse_amount(row["amount"], row["locale"])}
`,
  [INV.totals]: String.raw`# @filler 1


def totals_by_customer(rows):
    totals = {}
    for row in rows:
        totals[row["customer"]] = totals.get(row["customer"], 0.0) + row["amount"]
    return {k: round(v, 2) for k, v in totals.items()}
`,
};

// ---- 8. audit logger (Python class context manager): the serializer stopped escaping ----
const AUD = {
  serializer: 'audit/serializer.py',
  sink: 'audit/sink.py',
  session: 'audit/session.py',
  actions: 'audit/actions.py',
};
const auditPy = {
  'main.py':
    'import os\nimport tempfile\n\nfrom audit.session import AuditSession\nfrom audit.sink import FileSink\n\npath = os.path.join(tempfile.mkdtemp(), "audit.log")\nwith AuditSession(FileSink(path)) as audit:\n    audit.record("margaret", "role.grant", "user:42")\n    audit.record("Ren\\u00e9e Dupr\\u00e9", "invoice.void", "invoice:A-17")\nprint(open(path, "rb").read().decode("ascii"))\n',
  'audit/__init__.py': '',
  'requirements.txt': 'structlog==24.1.0\n',
  [AUD.actions]: String.raw`KNOWN_ACTIONS = {"role.grant", "role.revoke", "invoice.void", "user.delete"}


def severity(action):
    return "high" if action in ("user.delete", "role.grant") else "normal"
`,
  [AUD.serializer]: String.raw`import json

# @filler 1


def serialize(entry):
    return json.dumps(entry, sort_keys=True, ensure_ascii=True)
`,
  [AUD.sink]: String.raw`# @filler 1


class FileSink:
    ENCODING = "ascii"  # the SIEM forwarder accepts 7-bit lines only

    def __init__(self, path):
        self.path = path
        self.handle = None

    def open(self):
        self.handle = open(self.path, "wb")

    def write_line(self, line):
        self.handle.write(line.encode(self.ENCODING) + b"\n")

    def close(self):
        if self.handle is not None:
            self.handle.close()
            self.handle = None
`,
  [AUD.session]: String.raw`from audit.actions import severity
from audit.serializer import serialize


class AuditSession:
    """Buffers entries and writes them when the block ends, so a failed block logs nothing."""

    def __init__(self, sink):
        self.sink = sink
        self.buffer = []

    def __enter__(self):
        self.sink.open()
        return self

    def record(self, actor, action, target):
        self.buffer.append({"actor": actor, "action": action, "target": target, "severity": severity(action)})

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                for entry in self.buffer:
                    self.sink.write_line(serialize(entry))
        finally:
            self.sink.close()
        return False
`,
};

// ---- 9. file upload validator (Python): a dict result became a list of pairs ----
const UPL = {
  inspect: 'uploads/inspect.py',
  validator: 'uploads/validator.py',
  policy: 'uploads/policy.py',
  admin: 'uploads/admin.py',
  service: 'uploads/service.py',
};
const uploadsPy = {
  'main.py':
    'import json\n\nfrom uploads.service import handle_batch\n\nprint(json.dumps(handle_batch([("avatar.png", b"\\x89PNG...."), ("cv.pdf", b"%PDF-1.7 ....")])))\n',
  'uploads/__init__.py': '',
  'requirements.txt': 'python-magic==0.4.27\n',
  [UPL.policy]: String.raw`ALLOWED_TYPES = {"image/png", "image/jpeg", "application/pdf"}
MAX_BYTES = 5 * 1024 * 1024
`,
  [UPL.inspect]: String.raw`import mimetypes

# @filler 1


def inspect_upload(name, data):
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return {"name": name, "mime": mime, "size": len(data)}
`,
  [UPL.admin]: String.raw`from uploads.inspect import inspect_upload


def admin_row(name, data):
    facts = inspect_upload(name, data)
    return " | ".join(str(facts[k]) for k in ("name", "mime", "size"))
`,
  [UPL.validator]: String.raw`from uploads.inspect import inspect_upload
from uploads.policy import ALLOWED_TYPES, MAX_BYTES

# @filler 1


class UploadRejected(Exception):
    pass


def validate(name, data):
    facts = inspect_upload(name, data)
    if facts["mime"] not in ALLOWED_TYPES:
        raise UploadRejected(f"{name}: type {facts['mime']} is not allowed")
    if facts["size"] > MAX_BYTES:
        raise UploadRejected(f"{name}: too large")
    return {"name": name, "ok": True}
`,
  [UPL.service]: String.raw`from uploads.validator import validate


def handle_batch(files):
    return [validate(name, data) for name, data in files]
`,
};

// ---- 10. rate limiter (Java generics): a default in the config class became 0 ----
const RL_DIR = 'src/main/java/com/acme/ratelimit';
const RL = {
  config: `${RL_DIR}/LimiterConfig.java`,
  bucket: `${RL_DIR}/TokenBucket.java`,
  registry: `${RL_DIR}/LimiterRegistry.java`,
  app: `${RL_DIR}/App.java`,
};
const rateLimitJava = {
  'pom.xml': pom('ratelimit', [['io.micrometer', 'micrometer-core', '1.12.2']]),
  [`${RL_DIR}/Limiter.java`]:
    'package com.acme.ratelimit;\n\npublic interface Limiter {\n    boolean tryAcquire(long nowMillis);\n}\n',
  [RL.app]: String.raw`package com.acme.ratelimit;

public class App {
    public static void main(String[] args) {
        LimiterRegistry<String, TokenBucket> registry = new LimiterRegistry<>(key -> new TokenBucket(LimiterConfig.fromEnv(System.getenv())));
        for (String client : new String[] {"acme", "globex", "acme"}) {
            System.out.println(client + " " + registry.forKey(client).tryAcquire(1_000L));
        }
    }
}
`,
  [RL.config]: String.raw`package com.acme.ratelimit;

import java.util.Map;

public final class LimiterConfig {
    public static final int DEFAULT_WINDOW_SECONDS = 60;
    public static final int DEFAULT_CAPACITY = 120;

    private final int windowSeconds;
    private final int capacity;

    public LimiterConfig(int windowSeconds, int capacity) {
        this.windowSeconds = windowSeconds;
        this.capacity = capacity;
    }

    public static LimiterConfig fromEnv(Map<String, String> env) {
        int window = Integer.parseInt(env.getOrDefault("RL_WINDOW_SECONDS", String.valueOf(DEFAULT_WINDOW_SECONDS)));
        int capacity = Integer.parseInt(env.getOrDefault("RL_CAPACITY", String.valueOf(DEFAULT_CAPACITY)));
        return new LimiterConfig(window, capacity);
    }

    public int windowSeconds() {
        return windowSeconds;
    }

    public int capacity() {
        return capacity;
    }
}
`,
  [RL.bucket]: String.raw`package com.acme.ratelimit;

public final class TokenBucket implements Limiter {
    // @filler 1

    private final int capacity;
    private final int refillPerSecond;
    private double tokens;
    private long lastMillis;

    public TokenBucket(LimiterConfig config) {
        this.capacity = config.capacity();
        this.refillPerSecond = config.capacity() / config.windowSeconds();
        this.tokens = capacity;
    }

    @Override
    public synchronized boolean tryAcquire(long nowMillis) {
        tokens = Math.min(capacity, tokens + (nowMillis - lastMillis) / 1000.0 * refillPerSecond);
        lastMillis = nowMillis;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }
}
`,
  [RL.registry]: String.raw`package com.acme.ratelimit;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

public final class LimiterRegistry<K, L extends Limiter> {
    private final Map<K, L> limiters = new HashMap<>();
    private final Function<K, L> factory;

    public LimiterRegistry(Function<K, L> factory) {
        this.factory = factory;
    }

    public L forKey(K key) {
        return limiters.computeIfAbsent(key, factory);
    }

    // @filler 1
}
`,
};

// ---- 11. retrying HTTP client (Java): an exception left the retryable hierarchy ----
const RT_DIR = 'src/main/java/com/acme/quotes';
const RT = {
  upstream: `${RT_DIR}/UpstreamException.java`,
  transport: `${RT_DIR}/HttpTransport.java`,
  retry: `${RT_DIR}/RetryingClient.java`,
  backoff: `${RT_DIR}/Backoff.java`,
  client: `${RT_DIR}/QuoteClient.java`,
};
const retryJava = {
  'pom.xml': pom('quotes', [['com.squareup.okhttp3', 'okhttp', '4.12.0']]),
  [`${RT_DIR}/App.java`]:
    'package com.acme.quotes;\n\npublic class App {\n    public static void main(String[] args) {\n        QuoteClient client = new QuoteClient(new HttpTransport(503, 200), new RetryingClient(4, new Backoff(1, 8)));\n        System.out.println(client.fetch("EURUSD"));\n    }\n}\n',
  [`${RT_DIR}/TransientException.java`]:
    'package com.acme.quotes;\n\n/** A failure worth retrying: the same request may succeed later. */\npublic class TransientException extends RuntimeException {\n    public TransientException(String message) {\n        super(message);\n    }\n}\n',
  [RT.upstream]:
    'package com.acme.quotes;\n\npublic class UpstreamException extends TransientException {\n    private final int status;\n\n    public UpstreamException(int status, String message) {\n        super(message);\n        this.status = status;\n    }\n\n    public int status() {\n        return status;\n    }\n}\n',
  [RT.transport]: String.raw`package com.acme.quotes;

import java.util.ArrayDeque;
import java.util.Deque;

/** Stands in for the quote provider's HTTP API: answers with the given statuses in turn. */
public final class HttpTransport {
    private final Deque<Integer> statuses = new ArrayDeque<>();

    public HttpTransport(int... statuses) {
        for (int s : statuses) this.statuses.add(s);
    }

    public String get(String path) {
        int status = statuses.isEmpty() ? 200 : statuses.poll();
        if (status >= 500) {
            throw new UpstreamException(status, "upstream " + status + " for " + path);
        }
        return "{\"path\":\"" + path + "\",\"rate\":1.0842}";
    }

    // @filler 1
}
`,
  [RT.backoff]: String.raw`package com.acme.quotes;

public final class Backoff {
    private final long baseMillis;
    private final long maxMillis;

    public Backoff(long baseMillis, long maxMillis) {
        this.baseMillis = baseMillis;
        this.maxMillis = maxMillis;
    }

    public long delayFor(int attempt) {
        return Math.min(maxMillis, baseMillis << attempt);
    }

    // @filler 1
}
`,
  [RT.retry]: String.raw`package com.acme.quotes;

import java.util.function.Supplier;

public final class RetryingClient {
    private final int maxAttempts;
    private final Backoff backoff;

    public RetryingClient(int maxAttempts, Backoff backoff) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    public <T> T execute(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (TransientException e) {
                if (attempt >= maxAttempts) throw e;
                sleep(backoff.delayFor(attempt));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
`,
  [RT.client]: String.raw`package com.acme.quotes;

public final class QuoteClient {
    private final HttpTransport transport;
    private final RetryingClient retrying;

    public QuoteClient(HttpTransport transport, RetryingClient retrying) {
        this.transport = transport;
        this.retrying = retrying;
    }

    public String fetch(String pair) {
        return retrying.execute(() -> transport.get("/v1/quotes/" + pair));
    }

    // @filler 1
}
`,
};

// ---- 12. cache warmer (Java streams): a loop bound went one past the end ----
const CW_DIR = 'src/main/java/com/acme/cache';
const CW = {
  warmer: `${CW_DIR}/CacheWarmer.java`,
  planner: `${CW_DIR}/KeyPlanner.java`,
  loader: `${CW_DIR}/PriceLoader.java`,
  app: `${CW_DIR}/App.java`,
};
const warmerJava = {
  'pom.xml': pom('cache-warmer', [['com.github.ben-manes.caffeine', 'caffeine', '3.1.8']]),
  [`${CW_DIR}/Loader.java`]:
    'package com.acme.cache;\n\nimport java.util.List;\nimport java.util.Map;\n\npublic interface Loader<K, V> {\n    Map<K, V> loadAll(List<K> keys);\n}\n',
  [CW.app]: String.raw`package com.acme.cache;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

public class App {
    public static void main(String[] args) {
        List<String> skus = IntStream.rangeClosed(1, 7).mapToObj(i -> "sku-" + i).collect(Collectors.toList());
        CacheWarmer warmer = new CacheWarmer(new KeyPlanner(), new PriceLoader(), 3);
        System.out.println("warmed " + warmer.warm(skus));
    }
}
`,
  [CW.planner]: String.raw`package com.acme.cache;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

public final class KeyPlanner {
    public List<List<String>> batches(List<String> keys, int size) {
        int count = (keys.size() + size - 1) / size;
        return IntStream.range(0, count)
            .mapToObj(i -> keys.subList(i * size, Math.min(keys.size(), (i + 1) * size)))
            .collect(Collectors.toList());
    }

    // @filler 1
}
`,
  [CW.loader]: String.raw`package com.acme.cache;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

public final class PriceLoader implements Loader<String, Double> {
    @Override
    public Map<String, Double> loadAll(List<String> keys) {
        return keys.stream().collect(Collectors.toMap(Function.identity(), k -> k.length() * 1.25));
    }

    // @filler 1
}
`,
  [CW.warmer]: String.raw`package com.acme.cache;

import java.util.List;

public final class CacheWarmer {
    private final KeyPlanner planner;
    private final Loader<String, Double> loader;
    private final int batchSize;

    public CacheWarmer(KeyPlanner planner, Loader<String, Double> loader, int batchSize) {
        this.planner = planner;
        this.loader = loader;
        this.batchSize = batchSize;
    }

    public int warm(List<String> keys) {
        List<List<String>> batches = planner.batches(keys, batchSize);
        int loaded = 0;
        for (int i = 0; i < batches.size(); i++) {
            List<String> batch = batches.get(i);
            loaded += loader.loadAll(batch).size();
        }
        return loaded;
    }

    // @filler 1
}
`,
};

export const scenarios = [
  {
    name: 'f2-js-loyalty-tier-comparison',
    bugClass: 'off-by-one-bound',
    fresh2: true,
    lang: 'js',
    cases: [
      'wrong-comparison',
      'bug-not-in-stack',
      'class',
      'decoy-on-crash-line',
      'decoy-on-caller-line',
      'merge',
      'post-deploy-edit',
    ],
    gitignore: NODE_IGNORE,
    files: loyaltyJs,
    tags: ['v3.1.0', 'v3.2.0'],
    noise: 2,
    range: [
      {
        msg: 'Tiers: platinum above 20k points',
        author: 2,
        edit: [
          [
            LOY.tiers,
            "  { name: 'gold', min: 5000, multiplier: 2 },",
            "  { name: 'platinum', min: 20000, multiplier: 3 },\n  { name: 'gold', min: 5000, multiplier: 2 },",
          ],
        ],
      },
      {
        msg: 'Ledger: timestamp every accrual',
        author: 1,
        edit: [
          [
            LOY.ledger,
            "this.entries.push({ memberId, kind: 'accrue', points: earned });",
            "this.entries.push({ memberId, kind: 'accrue', points: earned, at: new Date().toISOString() });",
          ],
        ],
      },
      {
        msg: 'Tiers: a tier starts above its threshold, as the programme terms say',
        bug: true,
        author: 2,
        edit: [[LOY.tiers, 'balance >= tier.min', 'balance > tier.min']],
      },
      {
        msg: 'Ledger: expire points older than a year',
        branch: 'feature/expiry',
        author: 3,
        edit: [
          [
            LOY.ledger,
            '  redeem(memberId, points) {',
            "  expire(memberId, points) {\n    this.entries.push({ memberId, kind: 'expire', points: -points });\n    this.balances.set(memberId, Math.max(0, this.balanceOf(memberId) - points));\n  }\n\n  redeem(memberId, points) {",
          ],
        ],
      },
      {
        msg: 'Ledger: multiplier first, then euros',
        author: 0,
        gapMinutes: SAME_DAY,
        edit: [
          [
            LOY.ledger,
            '    const earned = roundPoints((amountCents / 100) * tier.multiplier);',
            '    const earned = roundPoints(tier.multiplier * (amountCents / 100));',
          ],
        ],
      },
      {
        msg: 'Checkout hook: no points for zero totals',
        author: 4,
        edit: [
          [
            LOY.hook,
            '  return ledger.accrue(order.memberId, order.totalCents);',
            '  if (!order.totalCents) return 0;\n  return ledger.accrue(order.memberId, order.totalCents);',
          ],
        ],
      },
      {
        msg: 'Ledger: say how many points a redeem asked for',
        branch: 'feature/expiry',
        author: 3,
        edit: [
          [
            LOY.ledger,
            "'member ' + memberId + ' has too few points'",
            "'member ' + memberId + ' cannot redeem ' + points + ' points'",
          ],
        ],
      },
      { msg: "Merge branch 'feature/expiry'", merge: 'feature/expiry', author: 3 },
      {
        msg: 'Rounding: half points round up',
        author: 4,
        edit: [[LOY.rounding, '  return Math.floor(points);', '  return Math.round(points);']],
      },
      { msg: 'Bump pg to 8.11.5', edit: [['package.json', '"pg": "^8.11.3"', '"pg": "^8.11.5"']] },
    ],
    post: [
      {
        msg: 'Ledger: note on whole points',
        edit: [
          [
            LOY.ledger,
            '    const earned = roundPoints(tier.multiplier * (amountCents / 100));',
            '    // Points are whole; the rounding rule lives in rounding.js.\n    const earned = roundPoints(tier.multiplier * (amountCents / 100));',
          ],
        ],
      },
      {
        msg: 'Tiers: doc',
        edit: [
          [
            LOY.tiers,
            'function tierFor(balance) {',
            '/** The tier a points balance belongs to. */\nfunction tierFor(balance) {',
          ],
        ],
      },
    ],
  },
  {
    name: 'f2-js-currency-minor-units-precision',
    bugClass: 'unit-or-precision-change',
    fresh2: true,
    lang: 'js',
    cases: ['float-precision', 'bug-not-in-stack', 'module', 'decoy-on-crash-line', 'decoy-next-to-bug', 'merge'],
    gitignore: NODE_IGNORE,
    files: currencyJs,
    tags: ['v0.9.0', 'v0.10.0'],
    noise: 2,
    range: [
      {
        msg: 'Currencies: GBP',
        author: 1,
        edit: [
          [
            CUR.table,
            "  JPY: { symbol: '¥', exponent: 0, decimal: '.' },",
            "  GBP: { symbol: '£', exponent: 2, decimal: '.' },\n  JPY: { symbol: '¥', exponent: 0, decimal: '.' },",
          ],
        ],
      },
      {
        msg: 'Receipt: tab between item and price',
        author: 3,
        edit: [[CUR.receipt, "item.name + ': ' + formatAmount", "item.name + '\\t' + formatAmount"]],
      },
      {
        msg: 'Minor units: no rounding, the PSP already sends exact amounts',
        bug: true,
        author: 2,
        edit: [[CUR.money, '  return Math.round(amount * 10 ** exponent);', '  return amount * 10 ** exponent;']],
      },
      {
        msg: 'Formatter: currencies without an exponent use 2',
        author: 0,
        edit: [
          [
            CUR.formatter,
            '  const minor = BigInt(toMinorUnits(amount, spec.exponent));',
            '  const minor = BigInt(toMinorUnits(amount, spec.exponent ?? 2));',
          ],
        ],
      },
      {
        msg: 'Minor units: say what the exponent is',
        author: 2,
        gapMinutes: SAME_DAY,
        edit: [
          [
            CUR.money,
            'function toMinorUnits(amount, exponent = 2) {',
            '// The exponent is the ISO 4217 minor unit: 2 for EUR, 0 for JPY.\nfunction toMinorUnits(amount, exponent = 2) {',
          ],
        ],
      },
      {
        msg: 'Formatter: negative amounts',
        branch: 'feature/refunds',
        author: 4,
        edit: [
          [
            CUR.formatter,
            '  const whole = minor / unit;',
            "  const sign = minor < 0n ? '-' : '';\n  const abs = minor < 0n ? -minor : minor;\n  const whole = abs / unit;",
          ],
          [CUR.formatter, '  const frac = (minor % unit)', '  const frac = (abs % unit)'],
          [CUR.formatter, '  return spec.symbol + whole', '  return sign + spec.symbol + whole'],
        ],
      },
      { msg: "Merge branch 'feature/refunds'", merge: 'feature/refunds', author: 4 },
      {
        msg: 'Formatter: unknown currencies fail loudly',
        author: 0,
        edit: [
          [
            CUR.formatter,
            '  const spec = CURRENCIES[currency];',
            "  const spec = CURRENCIES[currency];\n  if (!spec) throw new Error('unknown currency ' + currency);",
          ],
        ],
      },
      { msg: 'Bump date-fns to 3.3.2', edit: [['package.json', '"date-fns": "^3.3.1"', '"date-fns": "^3.3.2"']] },
    ],
    post: [
      {
        msg: 'Formatter: doc',
        edit: [
          [
            CUR.formatter,
            'function formatAmount(amount, currency) {',
            '/** An amount as a receipt shows it, exact to the minor unit. */\nfunction formatAmount(amount, currency) {',
          ],
        ],
      },
    ],
  },
  {
    name: 'f2-js-sentry-webhook-guard-removed',
    bugClass: 'removed-guard-off-stack',
    fresh2: true,
    lang: 'js',
    capture: 'sentry',
    cases: [
      'missing-guard',
      'removed-null-check-in-caller',
      'async',
      'sentry',
      'decoy-on-crash-line',
      'merge',
      'post-deploy-move',
    ],
    gitignore: NODE_IGNORE,
    files: webhookJs,
    tags: ['v5.0.0', 'v5.1.0'],
    noise: 2,
    range: [
      {
        msg: 'Signature: ten-minute tolerance for retried deliveries',
        author: 1,
        edit: [[HOOK.signature, 'const TOLERANCE_SECONDS = 300;', 'const TOLERANCE_SECONDS = 600;']],
      },
      {
        msg: 'Events: invoice.refunded',
        author: 3,
        edit: [[HOOK.events, "'invoice.failed', 'ping'", "'invoice.failed', 'invoice.refunded', 'ping'"]],
      },
      {
        msg: 'Receiver: reject bodies over 1 MB',
        branch: 'feature/limits',
        author: 4,
        edit: [
          [
            HOOK.receiver,
            '  const payload = await readBody(request);\n',
            "  const payload = await readBody(request);\n  if (Buffer.byteLength(payload) > 1 << 20) return { status: 413, error: 'payload too large' };\n",
          ],
        ],
      },
      {
        msg: 'Receiver: let the verifier decide on unsigned deliveries',
        bug: true,
        author: 2,
        edit: [[HOOK.receiver, "  if (!header) return { status: 400, error: 'missing signature' };\n", '']],
      },
      {
        msg: 'Signature: trim pairs before splitting them',
        author: 0,
        gapMinutes: SAME_DAY,
        edit: [
          [
            HOOK.signature,
            "  for (const pair of header.split(',')) {",
            "  for (const pair of header.split(',').map((p) => p.trim())) {",
          ],
          [HOOK.signature, '    parts[key.trim()] = value;', '    parts[key] = value;'],
        ],
      },
      {
        msg: 'Body: accept Buffer and string chunks',
        branch: 'feature/limits',
        author: 4,
        edit: [
          [
            HOOK.body,
            'chunks.push(Buffer.from(chunk));',
            "chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);",
          ],
        ],
      },
      { msg: "Merge branch 'feature/limits'", merge: 'feature/limits', author: 4 },
      {
        msg: 'Signature: early return on a length mismatch',
        author: 0,
        edit: [
          [
            HOOK.signature,
            '  return signature.length === expected.length && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));',
            '  if (signature.length !== expected.length) return false;\n  return crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));',
          ],
        ],
      },
      { msg: 'Bump fastify to 4.26.2', edit: [['package.json', '"fastify": "^4.26.0"', '"fastify": "^4.26.2"']] },
    ],
    post: [
      {
        msg: 'Receiver: doc',
        edit: [
          [
            HOOK.receiver,
            'async function receive(request, secret, now) {',
            '/** One webhook delivery: 200 with the event, or a 4xx saying why not. */\nasync function receive(request, secret, now) {',
          ],
        ],
      },
      {
        msg: 'Signature: document the header format',
        edit: [
          [
            HOOK.signature,
            "  for (const pair of header.split(',').map((p) => p.trim())) {",
            "  // t=<unix seconds>,v1=<hex HMAC-SHA256 of 't.payload'>\n  for (const pair of header.split(',').map((p) => p.trim())) {",
          ],
        ],
      },
    ],
  },
  {
    name: 'f2-js-sentry-ab-di-wiring',
    bugClass: 'schema-field-renamed',
    fresh2: true,
    lang: 'js',
    capture: 'sentry',
    cases: ['di-wiring', 'bug-not-in-stack', 'class', 'async', 'sentry', 'decoy-on-crash-line', 'merge'],
    gitignore: NODE_IGNORE,
    files: abJs,
    tags: ['v1.8.0', 'v1.9.0'],
    noise: 2,
    range: [
      {
        msg: 'Store: namespaced keys',
        author: 1,
        edit: [
          [AB.store, '    return this.rows.get(key) ?? null;', "    return this.rows.get('ab:' + key) ?? null;"],
          [AB.store, '    this.rows.set(key, variant);', "    this.rows.set('ab:' + key, variant);"],
        ],
      },
      {
        msg: 'Container: exposure logging',
        author: 3,
        edit: [
          [
            AB.container,
            "const { AssignmentService } = require('./assignmentService');",
            "const { AssignmentService } = require('./assignmentService');\nconst { ExposureLogger } = require('./exposureLogger');",
          ],
          [
            AB.container,
            "    .register('store', () => new AssignmentStore())\n",
            "    .register('store', () => new AssignmentStore())\n    .register('exposures', (get) => new ExposureLogger(get('bucketer')))\n",
          ],
        ],
      },
      {
        msg: 'Assignments: numeric user ids',
        author: 0,
        edit: [
          [
            AB.service,
            "    const slot = this.bucketer.slot(experiment.salt + ':' + userId);",
            "    const slot = this.bucketer.slot(experiment.salt + ':' + String(userId));",
          ],
        ],
      },
      {
        msg: 'Container: one shared hasher for assignment and exposure sampling',
        bug: true,
        author: 3,
        edit: [
          [
            AB.container,
            "    .register('bucketer', () => new HashBucketer(10000))",
            "    .register('hasher', () => new HashBucketer(10000))",
          ],
          [AB.container, "new ExposureLogger(get('bucketer'))", "new ExposureLogger(get('hasher'))"],
        ],
      },
      {
        msg: 'Assignments: holdout group',
        branch: 'feature/holdout',
        author: 4,
        edit: [
          [
            AB.service,
            '    if (cached) return cached;\n',
            "    if (cached) return cached;\n    if (this.holdout && this.holdout.has(userId)) return 'holdout';\n",
          ],
          [
            AB.service,
            '    this.experiments = experiments;\n  }',
            '    this.experiments = experiments;\n    this.holdout = null;\n  }',
          ],
        ],
      },
      {
        msg: 'Bucketer: say which hash this is',
        author: 2,
        edit: [
          [AB.bucketer, '  slot(key) {', '  // FNV-1a, 32 bit: stable across processes and languages.\n  slot(key) {'],
        ],
      },
      {
        msg: 'DI: clearer comment on optional dependencies',
        author: 1,
        gapMinutes: SAME_DAY,
        edit: [
          [
            AB.di,
            '// A tiny container: providers are resolved lazily, once; unknown names are optional (undefined).',
            '// A tiny container: each provider runs once, on first use. Unknown names resolve to undefined so\n// optional collaborators can be left out in tests.',
          ],
        ],
      },
      { msg: "Merge branch 'feature/holdout'", merge: 'feature/holdout', author: 4 },
      { msg: 'Bump ioredis to 5.3.3', edit: [['package.json', '"ioredis": "^5.3.2"', '"ioredis": "^5.3.3"']] },
    ],
    post: [
      {
        msg: 'Assignments: doc',
        edit: [
          [
            AB.service,
            '  async assign(userId, experimentKey) {',
            '  /** The variant of an experiment a user sees, sticky once assigned. */\n  async assign(userId, experimentKey) {',
          ],
        ],
      },
    ],
  },
  {
    name: 'f2-js-bundle-template-placeholder-regex',
    bugClass: 'serialisation-format-change',
    fresh2: true,
    lang: 'js',
    capture: 'bundle',
    cases: ['wrong-regex', 'bug-not-in-stack', 'bundle', 'decoy-on-crash-line', 'same-file-decoys', 'merge'],
    gitignore: NODE_IGNORE,
    files: templateJs,
    tags: ['v2.6.0', 'v2.7.0'],
    noise: 2,
    range: [
      {
        msg: 'Escape: single quotes too',
        author: 1,
        edit: [
          [TPL.escape, String.raw`'"': '&quot;' };`, String.raw`'"': '&quot;', "'": '&#39;' };`],
          [TPL.escape, String.raw`/[&<>"]/g`, String.raw`/[&<>"']/g`],
        ],
      },
      {
        msg: 'Lexer: reword the placeholder comment',
        author: 2,
        edit: [
          [
            TPL.lexer,
            '// Placeholders look like {{ user.name }}; everything else is literal text.',
            '// A placeholder is {{ path.to.value }}; text between placeholders is copied as is.',
          ],
        ],
      },
      {
        msg: 'Lexer: allow filters such as {{ name | upper }}',
        bug: true,
        author: 2,
        edit: [
          [
            TPL.lexer,
            String.raw`const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;`,
            String.raw`const PLACEHOLDER = /\{\{([^}]+)\}\}/g;`,
          ],
          [TPL.lexer, "path: m[1].split('.') });", "path: m[1].split('|')[0].split('.') });"],
        ],
      },
      {
        msg: 'Scope: clearer loop variable',
        author: 0,
        gapMinutes: SAME_DAY,
        edit: [
          [
            TPL.scope,
            '  for (const key of path) value = value[key];',
            '  for (const segment of path) value = value[segment];',
          ],
        ],
      },
      {
        msg: 'Renderer: values are strings before escaping',
        branch: 'feature/render',
        author: 3,
        edit: [
          [
            TPL.renderer,
            "escapeHtml(resolve(scope, token.path) ?? '')",
            "escapeHtml(String(resolve(scope, token.path) ?? ''))",
          ],
        ],
      },
      {
        msg: 'Lexer: text tokens keep their offset',
        author: 2,
        edit: [
          [TPL.lexer, 'value: source.slice(last, m.index) });', 'value: source.slice(last, m.index), at: last });'],
        ],
      },
      {
        msg: 'Renderer: say what is trusted',
        branch: 'feature/render',
        author: 3,
        edit: [
          [
            TPL.renderer,
            'function render(source, scope) {',
            '// Values are escaped; templates themselves are trusted.\nfunction render(source, scope) {',
          ],
        ],
      },
      { msg: "Merge branch 'feature/render'", merge: 'feature/render', author: 3 },
      { msg: 'Bump nodemailer to 6.9.9', edit: [['package.json', '"nodemailer": "^6.9.8"', '"nodemailer": "^6.9.9"']] },
    ],
    post: [
      {
        msg: 'Scope: doc',
        edit: [
          [
            TPL.scope,
            'function resolve(scope, path) {',
            "/** The value at a path such as ['user', 'name']. */\nfunction resolve(scope, path) {",
          ],
        ],
      },
    ],
  },
  {
    name: 'f2-py-converter-swapped-params',
    bugClass: 'signature-change-stale-caller',
    fresh2: true,
    lang: 'py',
    cases: ['swapped-arguments', 'context-manager', 'decoy-on-crash-line', 'decoy-on-caller-line', 'merge'],
    gitignore: PY_IGNORE,
    files: converterPy,
    tags: ['v0.4.0', 'v0.5.0'],
    noise: 2,
    range: [
      {
        msg: 'Formats: level-two headings',
        author: 1,
        edit: [
          [
            CONV.formats,
            '        if line.startswith("# "):\n            blocks.append(("h1", line[2:]))\n',
            '        if line.startswith("## "):\n            blocks.append(("h2", line[3:]))\n        elif line.startswith("# "):\n            blocks.append(("h1", line[2:]))\n',
          ],
        ],
      },
      {
        msg: 'Registry: plain text input',
        author: 3,
        edit: [
          [
            CONV.registry,
            'PARSERS = {"markdown": parse_markdown, "rst": parse_rst}',
            'PARSERS = {"markdown": parse_markdown, "rst": parse_rst, "text": parse_rst}',
          ],
        ],
      },
      {
        msg: 'Converter: target format first, like the CLI (convert TARGET SOURCE)',
        bug: true,
        author: 2,
        edit: [[CONV.converter, 'def convert(text, source, target):', 'def convert(text, target, source):']],
      },
      {
        msg: 'Converter: format names are case-insensitive',
        author: 0,
        gapMinutes: SAME_DAY,
        edit: [
          [CONV.converter, '    parse = PARSERS[source]', '    parse = PARSERS[source.lower()]'],
          [CONV.converter, '    write = WRITERS[target]', '    write = WRITERS[target.lower()]'],
        ],
      },
      {
        msg: 'Jobs: record how long a job took',
        branch: 'feature/timing',
        author: 4,
        edit: [
          [
            CONV.jobs,
            'from contextlib import contextmanager\n',
            'import time\nfrom contextlib import contextmanager\n',
          ],
          [
            CONV.jobs,
            '    job["state"] = "running"\n',
            '    job["state"] = "running"\n    started = time.monotonic()\n',
          ],
          [
            CONV.jobs,
            '        job["state"] = "done"\n',
            '        job["state"] = "done"\n        job["seconds"] = round(time.monotonic() - started, 3)\n',
          ],
        ],
      },
      {
        msg: 'Converter: output ends with one newline',
        author: 2,
        edit: [
          [CONV.converter, '    return write(parse(text))', '    return write(parse(text)).rstrip("\\n") + "\\n"'],
        ],
      },
      {
        msg: 'Jobs: unpack the job once',
        branch: 'feature/timing',
        author: 4,
        edit: [
          [
            CONV.jobs,
            '        job["output"] = convert(job["body"], job["source"], job["target"])',
            '        body, source, target = job["body"], job["source"], job["target"]\n        job["output"] = convert(body, source, target)',
          ],
        ],
      },
      { msg: "Merge branch 'feature/timing'", merge: 'feature/timing', author: 4 },
      { msg: 'Bump markdown to 3.5.3', edit: [['requirements.txt', 'markdown==3.5.2', 'markdown==3.5.3']] },
    ],
    post: [
      {
        msg: 'Converter: docstring',
        edit: [
          [
            CONV.converter,
            'def convert(text, target, source):\n',
            'def convert(text, target, source):\n    """Converts text between the formats named in PARSERS and WRITERS."""\n',
          ],
        ],
      },
    ],
  },
  {
    name: 'f2-py-invoice-locale-separators',
    bugClass: 'serialisation-format-change',
    fresh2: true,
    lang: 'py',
    cases: [
      'locale',
      'bug-not-in-stack',
      'data-table',
      'generator',
      'decoy-on-crash-line',
      'decoy-next-to-crash-line',
      'merge',
    ],
    gitignore: PY_IGNORE,
    files: invoicesPy,
    tags: ['v7.2.0', 'v7.3.0'],
    noise: 2,
    range: [
      {
        msg: 'Locales: fr-FR',
        author: 1,
        edit: [
          [INV.locales, '    "de-DE": (".", ","),\n', '    "de-DE": (".", ","),\n    "fr-FR": ("\\u202f", ","),\n'],
        ],
      },
      {
        msg: 'Importer: strip customer ids',
        author: 3,
        edit: [[INV.importer, '{"customer": row["customer"],', '{"customer": row["customer"].strip(),']],
      },
      {
        msg: 'Locales: nl-NL as the ING export writes it',
        bug: true,
        author: 2,
        edit: [[INV.locales, '    "nl-NL": (".", ","),', '    "nl-NL": (",", "."),']],
      },
      {
        msg: 'Amounts: tolerate surrounding spaces',
        author: 0,
        gapMinutes: SAME_DAY,
        edit: [[INV.amounts, '    return float(cleaned)', '    return float(cleaned.strip())']],
      },
      {
        msg: 'Importer: currency column',
        branch: 'feature/currency',
        author: 4,
        edit: [
          [
            INV.importer,
            '"amount": parse_amount(row["amount"], row["locale"])}',
            '"amount": parse_amount(row["amount"], row["locale"]), "currency": row.get("currency") or "EUR"}',
          ],
        ],
      },
      {
        msg: 'Totals: customers in order',
        author: 1,
        edit: [
          [
            INV.totals,
            '    return {k: round(v, 2) for k, v in totals.items()}',
            '    return {k: round(v, 2) for k, v in sorted(totals.items())}',
          ],
        ],
      },
      {
        msg: 'Amounts: name the separators',
        author: 2,
        edit: [
          [INV.amounts, '    group, decimal = SEPARATORS[locale]', '    group_sep, decimal_sep = SEPARATORS[locale]'],
          [
            INV.amounts,
            '    cleaned = text.replace(group, "").replace(decimal, ".")',
            '    cleaned = text.replace(group_sep, "").replace(decimal_sep, ".")',
          ],
        ],
      },
      { msg: "Merge branch 'feature/currency'", merge: 'feature/currency', author: 4 },
      { msg: 'Bump babel to 2.14.1', edit: [['requirements.txt', 'babel==2.14.0', 'babel==2.14.1']] },
    ],
    post: [
      {
        msg: 'Amounts: docstring',
        edit: [
          [
            INV.amounts,
            'def parse_amount(text, locale):\n',
            'def parse_amount(text, locale):\n    """An amount as a locale writes it, e.g. 1.250,00 in de-DE."""\n',
          ],
        ],
      },
    ],
  },
  {
    name: 'f2-py-audit-encoding-context-exit',
    bugClass: 'serialisation-format-change',
    fresh2: true,
    lang: 'py',
    cases: ['encoding', 'bug-not-in-stack', 'context-manager', 'decoy-on-crash-line', 'same-file-decoys', 'merge'],
    gitignore: PY_IGNORE,
    files: auditPy,
    tags: ['v1.2.0', 'v1.3.0'],
    noise: 2,
    range: [
      {
        msg: 'Actions: user.restore',
        author: 1,
        edit: [[AUD.actions, '"invoice.void", "user.delete"}', '"invoice.void", "user.delete", "user.restore"}']],
      },
      {
        msg: 'Session: write a snapshot of the buffer',
        author: 3,
        edit: [
          [AUD.session, '                for entry in self.buffer:', '                for entry in list(self.buffer):'],
        ],
      },
      {
        msg: 'Serializer: keep actor names readable in the audit trail',
        bug: true,
        author: 2,
        edit: [[AUD.serializer, 'ensure_ascii=True', 'ensure_ascii=False']],
      },
      {
        msg: 'Sink: one newline constant',
        author: 0,
        gapMinutes: SAME_DAY,
        edit: [
          [
            AUD.sink,
            String.raw`        self.handle.write(line.encode(self.ENCODING) + b"\n")`,
            '        self.handle.write(line.encode(self.ENCODING) + self.NEWLINE)',
          ],
          [
            AUD.sink,
            '    ENCODING = "ascii"  # the SIEM forwarder accepts 7-bit lines only\n',
            String.raw`    ENCODING = "ascii"  # the SIEM forwarder accepts 7-bit lines only` +
              '\n' +
              String.raw`    NEWLINE = b"\n"` +
              '\n',
          ],
        ],
      },
      {
        msg: 'Session: timestamp entries',
        branch: 'feature/timestamps',
        author: 4,
        edit: [
          [AUD.session, 'from audit.actions import severity\n', 'import time\n\nfrom audit.actions import severity\n'],
          [AUD.session, '"severity": severity(action)})', '"severity": severity(action), "at": int(time.time())})'],
        ],
      },
      {
        msg: 'Sink: reword the encoding comment',
        author: 1,
        edit: [
          [
            AUD.sink,
            '# the SIEM forwarder accepts 7-bit lines only',
            '# our SIEM forwarder rejects anything but 7-bit ASCII',
          ],
        ],
      },
      {
        msg: 'Serializer: ISO timestamps helper',
        branch: 'feature/timestamps',
        author: 4,
        edit: [
          [AUD.serializer, 'import json\n', 'import json\nfrom datetime import datetime, timezone\n'],
          [
            AUD.serializer,
            'def serialize(entry):',
            'def iso(ts):\n    return datetime.fromtimestamp(ts, timezone.utc).isoformat()\n\n\ndef serialize(entry):',
          ],
        ],
      },
      { msg: "Merge branch 'feature/timestamps'", merge: 'feature/timestamps', author: 4 },
      { msg: 'Bump structlog to 24.1.1', edit: [['requirements.txt', 'structlog==24.1.0', 'structlog==24.1.1']] },
    ],
    post: [
      {
        msg: 'Session: docstring for __exit__',
        edit: [
          [
            AUD.session,
            '    def __exit__(self, exc_type, exc, tb):\n',
            '    def __exit__(self, exc_type, exc, tb):\n        """Writes the buffered entries unless the block failed."""\n',
          ],
        ],
      },
    ],
  },
  {
    name: 'f2-py-upload-facts-shape',
    bugClass: 'producer-returns-other-type',
    fresh2: true,
    lang: 'py',
    cases: [
      'return-shape',
      'producer-consumer',
      'bug-not-in-stack',
      'comprehension',
      'decoy-on-crash-line',
      'decoy-next-to-crash-line',
      'merge',
    ],
    gitignore: PY_IGNORE,
    files: uploadsPy,
    tags: ['v2.0.0', 'v2.1.0'],
    noise: 2,
    range: [
      {
        msg: 'Policy: WebP avatars',
        author: 1,
        edit: [[UPL.policy, '"image/jpeg", "application/pdf"}', '"image/jpeg", "image/webp", "application/pdf"}']],
      },
      {
        msg: 'Validator: reword the rejection message',
        author: 3,
        edit: [
          [
            UPL.validator,
            `        raise UploadRejected(f"{name}: type {facts['mime']} is not allowed")`,
            `        raise UploadRejected(f"{name}: {facts['mime']} files are not accepted")`,
          ],
        ],
      },
      {
        msg: 'Inspect: facts as ordered pairs for the admin table',
        bug: true,
        author: 2,
        edit: [
          [
            UPL.inspect,
            '    return {"name": name, "mime": mime, "size": len(data)}',
            '    return [("name", name), ("mime", mime), ("size", len(data))]',
          ],
          [
            UPL.admin,
            '    return " | ".join(str(facts[k]) for k in ("name", "mime", "size"))',
            '    return " | ".join(str(value) for _key, value in facts)',
          ],
        ],
      },
      {
        msg: 'Validator: note that types come from the extension',
        author: 0,
        gapMinutes: SAME_DAY,
        edit: [
          [
            UPL.validator,
            '    if facts["mime"] not in ALLOWED_TYPES:',
            '    if facts["mime"] not in ALLOWED_TYPES:  # by extension; content sniffing comes later',
          ],
        ],
      },
      {
        msg: 'Policy: 10 MB limit',
        author: 1,
        edit: [[UPL.policy, 'MAX_BYTES = 5 * 1024 * 1024', 'MAX_BYTES = 10 * 1024 * 1024']],
      },
      {
        msg: 'Service: skip empty files',
        branch: 'feature/batch',
        author: 4,
        edit: [
          [
            UPL.service,
            '    return [validate(name, data) for name, data in files]',
            '    return [validate(name, data) for name, data in files if data]',
          ],
        ],
      },
      {
        msg: 'Inspect: HEIC photos',
        author: 2,
        edit: [[UPL.inspect, 'import mimetypes\n', 'import mimetypes\n\nmimetypes.add_type("image/heic", ".heic")\n']],
      },
      { msg: "Merge branch 'feature/batch'", merge: 'feature/batch', author: 4 },
      {
        msg: 'Bump python-magic to 0.4.28',
        edit: [['requirements.txt', 'python-magic==0.4.27', 'python-magic==0.4.28']],
      },
    ],
    post: [
      {
        msg: 'Validator: docstring',
        edit: [
          [
            UPL.validator,
            'def validate(name, data):\n',
            'def validate(name, data):\n    """Raises UploadRejected unless the upload meets the policy."""\n',
          ],
        ],
      },
    ],
  },
  {
    name: 'f2-java-ratelimit-default-window',
    bugClass: 'config-flag-default',
    fresh2: true,
    lang: 'java',
    main: 'com.acme.ratelimit.App',
    cases: ['default-config-elsewhere', 'bug-not-in-stack', 'generics', 'lambda', 'decoy-on-crash-line', 'merge'],
    gitignore: JAVA_IGNORE,
    files: rateLimitJava,
    tags: ['v4.0.0', 'v4.1.0'],
    noise: 2,
    range: [
      {
        msg: 'Config: capacity 240 for the partner API',
        author: 1,
        edit: [[RL.config, 'DEFAULT_CAPACITY = 120;', 'DEFAULT_CAPACITY = 240;']],
      },
      {
        msg: 'Bucket: refill at least one token per second',
        author: 0,
        edit: [
          [
            RL.bucket,
            '        this.refillPerSecond = config.capacity() / config.windowSeconds();',
            '        this.refillPerSecond = Math.max(1, config.capacity() / config.windowSeconds());',
          ],
        ],
      },
      {
        msg: 'Config: window defaults to 0 (unset) so staging can turn limits off',
        bug: true,
        author: 2,
        edit: [[RL.config, 'DEFAULT_WINDOW_SECONDS = 60;', 'DEFAULT_WINDOW_SECONDS = 0;']],
      },
      {
        msg: 'Registry: expose the limiter count',
        branch: 'feature/metrics',
        author: 3,
        edit: [
          [
            RL.registry,
            '    public L forKey(K key) {',
            '    public int size() {\n        return limiters.size();\n    }\n\n    public L forKey(K key) {',
          ],
        ],
      },
      {
        msg: 'Config: trim values from the environment',
        author: 2,
        gapMinutes: SAME_DAY,
        edit: [
          [RL.config, 'String.valueOf(DEFAULT_WINDOW_SECONDS)));', 'String.valueOf(DEFAULT_WINDOW_SECONDS)).trim());'],
          [RL.config, 'String.valueOf(DEFAULT_CAPACITY)));', 'String.valueOf(DEFAULT_CAPACITY)).trim());'],
        ],
      },
      {
        msg: 'Bucket: explicit start time',
        author: 4,
        edit: [
          [
            RL.bucket,
            '        this.tokens = capacity;\n',
            '        this.tokens = capacity;\n        this.lastMillis = 0L;\n',
          ],
        ],
      },
      {
        msg: 'Registry: concurrent map',
        branch: 'feature/metrics',
        author: 3,
        edit: [
          [RL.registry, 'import java.util.HashMap;', 'import java.util.concurrent.ConcurrentHashMap;'],
          [RL.registry, 'new HashMap<>()', 'new ConcurrentHashMap<>()'],
        ],
      },
      { msg: "Merge branch 'feature/metrics'", merge: 'feature/metrics', author: 3 },
      { msg: 'Bump micrometer-core to 1.12.3', edit: [['pom.xml', '1.12.2', '1.12.3']] },
    ],
    post: [
      {
        msg: 'Bucket: doc',
        edit: [
          [
            RL.bucket,
            '    public TokenBucket(LimiterConfig config) {',
            '    /** Refills capacity tokens per window, evenly. */\n    public TokenBucket(LimiterConfig config) {',
          ],
        ],
      },
    ],
  },
  {
    name: 'f2-java-retry-exception-hierarchy',
    bugClass: 'exception-hierarchy-change',
    fresh2: true,
    lang: 'java',
    main: 'com.acme.quotes.App',
    cases: [
      'exception-type-changed',
      'handler-no-longer-catches',
      'bug-not-in-stack',
      'generics',
      'lambda',
      'decoy-on-crash-line',
      'decoy-on-caller-line',
      'merge',
    ],
    gitignore: JAVA_IGNORE,
    files: retryJava,
    tags: ['v6.3.0', 'v6.4.0'],
    noise: 2,
    range: [
      {
        msg: 'Backoff: the first retry waits the base delay',
        author: 1,
        edit: [
          [
            RT.backoff,
            '        return Math.min(maxMillis, baseMillis << attempt);',
            '        return Math.min(maxMillis, baseMillis << (attempt - 1));',
          ],
        ],
      },
      {
        msg: 'Transport: name the provider in upstream errors',
        author: 3,
        edit: [
          [
            RT.transport,
            '"upstream " + status + " for " + path',
            '"quote provider answered " + status + " for " + path',
          ],
        ],
      },
      {
        msg: 'Retry: five attempts',
        author: 0,
        edit: [[`${RT_DIR}/App.java`, 'new RetryingClient(4,', 'new RetryingClient(5,']],
      },
      {
        msg: 'Errors: UpstreamException is not transient by itself (4xx must not be retried)',
        bug: true,
        author: 2,
        edit: [
          [
            RT.upstream,
            'public class UpstreamException extends TransientException {',
            'public class UpstreamException extends RuntimeException {',
          ],
        ],
      },
      {
        msg: 'Retry: log each retry',
        branch: 'feature/logging',
        author: 4,
        edit: [
          [
            RT.retry,
            '                if (attempt >= maxAttempts) throw e;\n',
            '                if (attempt >= maxAttempts) throw e;\n                System.err.println("retry " + attempt + ": " + e.getMessage());\n',
          ],
        ],
      },
      {
        msg: 'Transport: poll the next status once',
        author: 3,
        gapMinutes: SAME_DAY,
        edit: [
          [
            RT.transport,
            '        int status = statuses.isEmpty() ? 200 : statuses.poll();',
            '        Integer next = statuses.poll();\n        int status = next == null ? 200 : next;',
          ],
        ],
      },
      {
        msg: 'Client: path prefix constant',
        author: 1,
        edit: [
          [RT.client, 'transport.get("/v1/quotes/" + pair)', 'transport.get(PATH + pair)'],
          [
            RT.client,
            '    private final HttpTransport transport;',
            '    private static final String PATH = "/v1/quotes/";\n    private final HttpTransport transport;',
          ],
        ],
      },
      { msg: "Merge branch 'feature/logging'", merge: 'feature/logging', author: 4 },
      { msg: 'Bump okhttp to 4.12.1', edit: [['pom.xml', '4.12.0', '4.12.1']] },
    ],
    post: [
      {
        msg: 'Transport: doc',
        edit: [
          [
            RT.transport,
            '    public String get(String path) {',
            '    /** The body for a path, or an UpstreamException for a 5xx. */\n    public String get(String path) {',
          ],
        ],
      },
    ],
  },
  {
    name: 'f2-java-cachewarmer-loop-bound',
    bugClass: 'off-by-one-bound',
    fresh2: true,
    lang: 'java',
    main: 'com.acme.cache.App',
    cases: [
      'off-by-one-loop',
      'bug-next-to-crash-line',
      'streams',
      'generics',
      'jdk-frames',
      'decoy-on-crash-line',
      'decoy-next-to-crash-line',
      'merge',
    ],
    gitignore: JAVA_IGNORE,
    files: warmerJava,
    tags: ['v0.7.0', 'v0.8.0'],
    noise: 2,
    range: [
      { msg: 'Loader: demo prices', author: 1, edit: [[CW.loader, 'k -> k.length() * 1.25', 'k -> k.length() * 1.5']] },
      {
        msg: 'Warmer: final locals',
        author: 0,
        edit: [
          [
            CW.warmer,
            '            List<String> batch = batches.get(i);',
            '            final List<String> batch = batches.get(i);',
          ],
        ],
      },
      {
        msg: 'Planner: no batches for no keys',
        author: 3,
        edit: [
          [
            CW.planner,
            '        int count = (keys.size() + size - 1) / size;',
            '        int count = keys.isEmpty() ? 0 : (keys.size() + size - 1) / size;',
          ],
        ],
      },
      {
        msg: 'Warmer: warm the trailing partial batch too',
        bug: true,
        author: 2,
        edit: [
          [
            CW.warmer,
            '        for (int i = 0; i < batches.size(); i++) {',
            '        for (int i = 0; i <= batches.size(); i++) {',
          ],
        ],
      },
      {
        msg: 'Warmer: skip empty batches',
        author: 1,
        gapMinutes: SAME_DAY,
        edit: [
          [
            CW.warmer,
            '            loaded += loader.loadAll(batch).size();',
            '            if (batch.isEmpty()) continue;\n            loaded += loader.loadAll(batch).size();',
          ],
        ],
      },
      {
        msg: 'Warmer: batch size of at least one',
        branch: 'feature/config',
        author: 4,
        edit: [[CW.warmer, '        this.batchSize = batchSize;', '        this.batchSize = Math.max(1, batchSize);']],
      },
      {
        msg: 'Planner: say what a batch is',
        branch: 'feature/config',
        author: 4,
        edit: [
          [
            CW.planner,
            '    public List<List<String>> batches(List<String> keys, int size) {',
            '    // Consecutive sublists of at most size keys, in key order.\n    public List<List<String>> batches(List<String> keys, int size) {',
          ],
        ],
      },
      { msg: "Merge branch 'feature/config'", merge: 'feature/config', author: 4 },
      { msg: 'Bump caffeine to 3.1.9', edit: [['pom.xml', '3.1.8', '3.1.9']] },
    ],
    post: [
      {
        msg: 'Warmer: doc',
        edit: [
          [
            CW.warmer,
            '    public int warm(List<String> keys) {',
            '    /** Loads every key once, in batches; the number of entries loaded. */\n    public int warm(List<String> keys) {',
          ],
        ],
      },
    ],
  },
];

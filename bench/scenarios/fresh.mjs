// FRESH scenarios: written for issue #7 as an independent measure, without reading the ranking
// rules (src/core/suspects/, src/core/triage/) and run once, unchanged after their results were
// seen. Other domains (search indexing, reminders, shipping rates, feature flags, report export,
// auth sessions, notification throttling, analytics rollups), other bug kinds (off-by-one, unit
// conversion, date formats, stale callers, mutable defaults, integer division, a missing await,
// enum/case changes, a null from a query helper, a swallowed-then-rethrown exception, a renamed
// JSON field) and other shapes (closures, generators, interfaces and implementations, a TypeScript
// bundle). The scorer reports them apart (`fresh: true`); never tune the ranking to them.

const NODE_IGNORE = 'dist/\nout/\nnode_modules/\n';
const PY_IGNORE = '__pycache__/\n.venv/\n';
const JAVA_IGNORE = 'out/\n*.class\ntarget/\n';
const pkg = (name, deps) =>
  `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'main.js', dependencies: deps }, null, 2)}\n`;
const pom = (artifact, deps) =>
  `<project>\n  <groupId>com.acme</groupId>\n  <artifactId>${artifact}</artifactId>\n  <version>1.0.0</version>\n  <dependencies>\n${deps.map(([g, a, v]) => `    <dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>\n`).join('')}  </dependencies>\n</project>\n`;
const SAME_DAY = 25;

// ---- 1. search (JS classes): a paginator went zero-based, the service reads the last hit ----
const SRCH = {
  service: 'src/search/searchService.js',
  pager: 'src/search/paginator.js',
  index: 'src/search/invertedIndex.js',
  tok: 'src/search/tokenizer.js',
};
const searchJs = {
  'main.js': `'use strict';
const { SearchService } = require('./src/search/searchService');
const { InvertedIndex } = require('./src/search/invertedIndex');

Error.stackTraceLimit = 50;
const index = new InvertedIndex();
const titles = ['red running shoes', 'blue running jacket', 'red wool hat', 'green running socks', 'red rain jacket', 'black running tights', 'red trail shoes'];
titles.forEach((title, i) => index.add({ id: 'd' + (i + 1), title }));
const service = new SearchService(index);
console.log(JSON.stringify(service.search({ q: 'running', page: 2, size: 3 })));
`,
  'package.json': pkg('search-api', { express: '^4.18.2' }),
  [SRCH.tok]: `'use strict';

const STOPWORDS = new Set(['a', 'an', 'the', 'of']);

// @filler 2

function tokenize(text) {
  return String(text)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t && !STOPWORDS.has(t));
}

module.exports = { tokenize };
`,
  [SRCH.index]: `'use strict';
const { tokenize } = require('./tokenizer');

// @filler 1

class InvertedIndex {
  constructor() {
    this.postings = new Map();
    this.docs = new Map();
  }

  add(doc) {
    this.docs.set(doc.id, doc);
    for (const term of tokenize(doc.title)) {
      if (!this.postings.has(term)) this.postings.set(term, new Set());
      this.postings.get(term).add(doc.id);
    }
  }

  lookup(query) {
    const terms = tokenize(query);
    if (terms.length === 0) return [];
    const [first, ...rest] = terms.map((t) => this.postings.get(t) ?? new Set());
    return [...first].filter((id) => rest.every((set) => set.has(id))).map((id) => this.docs.get(id));
  }
}

// @filler 1

module.exports = { InvertedIndex };
`,
  [SRCH.pager]: `'use strict';

const MAX_PAGE_SIZE = 50;

// @filler 1

function paginate(items, page, size) {
  const perPage = Math.min(size, MAX_PAGE_SIZE);
  const start = (page - 1) * perPage;
  return { page, perPage, total: items.length, items: items.slice(start, start + perPage) };
}

// @filler 1

module.exports = { paginate, MAX_PAGE_SIZE };
`,
  [SRCH.service]: `'use strict';
const { paginate } = require('./paginator');

// @filler 1

class SearchService {
  constructor(index) {
    this.index = index;
  }

  rank(hits) {
    return [...hits].sort((a, b) => a.title.length - b.title.length);
  }

  search(request) {
    const hits = this.rank(this.index.lookup(request.q));
    const page = paginate(hits, request.page, request.size);
    const last = page.items[page.items.length - 1];
    return { total: page.total, items: page.items.map((d) => d.id), cursor: last.id };
  }
}

// @filler 1

module.exports = { SearchService };
`,
};

// ---- 2. booking reminders (Python generators): the stored date format changed ----
const REM = {
  parse: 'reminders/timeparse.py',
  schedule: 'reminders/schedule.py',
  store: 'reminders/store.py',
  runner: 'reminders/runner.py',
};
const remindersPy = {
  'main.py':
    'import json\n\nfrom reminders.runner import run_once\n\nprint(json.dumps(run_once("2025-03-01T09:00:00+00:00")))\n',
  'reminders/__init__.py': '',
  'requirements.txt': 'apscheduler==3.10.4\n',
  [REM.store]: `# @filler 1

BOOKINGS = [
    {"id": "b-1", "guest": "Ada", "starts": "2025-03-01 09:30", "tz": "UTC"},
    {"id": "b-2", "guest": "Grace", "starts": "2025-03-01 14:00", "tz": "UTC"},
    {"id": "b-3", "guest": "Linus", "starts": "2025-03-02 08:15", "tz": "UTC"},
]


def upcoming():
    for row in BOOKINGS:
        yield dict(row)


# @filler 1
`,
  [REM.parse]: `from datetime import datetime, timezone

STORED_FORMAT = "%Y-%m-%d %H:%M"

# @filler 2


def parse_start(value):
    parsed = datetime.strptime(value, STORED_FORMAT)
    return parsed.replace(tzinfo=timezone.utc)


def parse_instant(value):
    return datetime.fromisoformat(value)


# @filler 1
`,
  [REM.schedule]: `from datetime import timedelta

from reminders.timeparse import parse_start

LEAD = timedelta(hours=12)

# @filler 1


def due(bookings, now):
    for booking in bookings:
        starts = parse_start(booking["starts"])
        if starts - LEAD <= now < starts:
            yield {"booking": booking["id"], "to": booking["guest"], "at": starts.isoformat()}


# @filler 1
`,
  [REM.runner]: `from reminders.schedule import due
from reminders.store import upcoming
from reminders.timeparse import parse_instant

# @filler 1


def run_once(now_text):
    now = parse_instant(now_text)
    sent = []
    for reminder in due(upcoming(), now):
        sent.append(reminder)
    return sent
`,
};

// ---- 3. shipping rates (Java interface + implementations): a weight conversion lost a factor ----
const SHIP_DIR = 'src/main/java/com/acme/shipping';
const SHIP = {
  parcel: `${SHIP_DIR}/Parcel.java`,
  ground: `${SHIP_DIR}/GroundCarrier.java`,
  air: `${SHIP_DIR}/AirCarrier.java`,
  calc: `${SHIP_DIR}/ShippingCalculator.java`,
};
const shippingJava = {
  'pom.xml': pom('shipping', [['com.fasterxml.jackson.core', 'jackson-databind', '2.15.2']]),
  [`${SHIP_DIR}/App.java`]:
    'package com.acme.shipping;\n\nimport java.util.List;\n\npublic class App {\n    public static void main(String[] args) {\n        ShippingCalculator calculator = new ShippingCalculator(List.of(new GroundCarrier(), new AirCarrier()));\n        System.out.println(calculator.cheapest(new Parcel("p-1", 2400, "NL")));\n    }\n}\n',
  [`${SHIP_DIR}/Carrier.java`]:
    'package com.acme.shipping;\n\npublic interface Carrier {\n    String name();\n\n    Quote quote(Parcel parcel);\n}\n',
  [`${SHIP_DIR}/Quote.java`]: 'package com.acme.shipping;\n\npublic record Quote(String carrier, double price) {}\n',
  [SHIP.parcel]: `package com.acme.shipping;

public record Parcel(String id, int grams, String country) {
    // @filler 1

    public double weightKg() {
        return grams / 1000.0;
    }

    public boolean domestic() {
        return country.equals("NL");
    }
}
`,
  [SHIP.ground]: `package com.acme.shipping;

public class GroundCarrier implements Carrier {
    static final double MAX_KG = 20.0;

    // @filler 1

    @Override
    public String name() {
        return "ground";
    }

    @Override
    public Quote quote(Parcel parcel) {
        double kg = parcel.weightKg();
        if (kg > MAX_KG) {
            throw new IllegalArgumentException("parcel " + parcel.id() + " is over " + MAX_KG + " kg for ground");
        }
        double base = parcel.domestic() ? 4.95 : 9.5;
        return new Quote(name(), base + kg * 0.8);
    }
}
`,
  [SHIP.air]: `package com.acme.shipping;

public class AirCarrier implements Carrier {
    static final double MAX_KG = 30.0;

    // @filler 1

    @Override
    public String name() {
        return "air";
    }

    @Override
    public Quote quote(Parcel parcel) {
        double kg = Math.min(parcel.weightKg(), MAX_KG);
        return new Quote(name(), 12.0 + kg * 2.5);
    }
}
`,
  [SHIP.calc]: `package com.acme.shipping;

import java.util.Comparator;
import java.util.List;

public class ShippingCalculator {
    private final List<Carrier> carriers;

    ShippingCalculator(List<Carrier> carriers) {
        this.carriers = carriers;
    }

    // @filler 1

    public Quote cheapest(Parcel parcel) {
        return carriers.stream()
            .map(c -> c.quote(parcel))
            .min(Comparator.comparingDouble(Quote::price))
            .orElseThrow();
    }
}
`,
};

// ---- 4. feature flags (JS closures, @sentry/node): rule operators normalized to lower case ----
const FLAG = {
  evaluator: 'src/flags/evaluator.js',
  schema: 'src/flags/ruleSchema.js',
  ops: 'src/flags/operators.js',
  store: 'src/flags/flagStore.js',
};
const flagsJs = {
  'main.js': `'use strict';
const { createEvaluator } = require('./src/flags/evaluator');
const { loadFlags } = require('./src/flags/flagStore');

const evaluate = createEvaluator(loadFlags());
console.log(JSON.stringify({ checkout: evaluate('new-checkout', { country: 'NL', plan: 'pro' }) }));
`,
  'package.json': pkg('flag-service', { '@sentry/node': '^10.0.0', ajv: '^8.12.0' }),
  [FLAG.ops]: `'use strict';

const OPERATORS = {
  EQ: (actual, expected) => actual === expected,
  IN: (actual, expected) => expected.includes(actual),
};

// @filler 1

module.exports = { OPERATORS };
`,
  [FLAG.schema]: `'use strict';

// @filler 1

function normalizeRule(rule) {
  return {
    attr: String(rule.attr).trim(),
    op: String(rule.op).trim().toUpperCase(),
    value: Array.isArray(rule.value) ? [...rule.value] : rule.value,
  };
}

// @filler 1

module.exports = { normalizeRule };
`,
  [FLAG.store]: `'use strict';
const { normalizeRule } = require('./ruleSchema');

// @filler 1

const RAW = [
  { key: 'new-checkout', enabled: true, rules: [{ attr: 'country', op: 'IN', value: ['NL', 'BE'] }, { attr: 'plan', op: 'EQ', value: 'pro' }] },
  { key: 'dark-mode', enabled: false, rules: [] },
];

function loadFlags() {
  return RAW.map((flag) => ({ ...flag, rules: flag.rules.map(normalizeRule) }));
}

module.exports = { loadFlags };
`,
  [FLAG.evaluator]: `'use strict';
const { OPERATORS } = require('./operators');

// @filler 1

function compileRule(rule) {
  const test = OPERATORS[rule.op];
  return (context) => test(context[rule.attr], rule.value);
}

function createEvaluator(flags) {
  const compiled = new Map(flags.map((flag) => [flag.key, { enabled: flag.enabled, rules: flag.rules.map(compileRule) }]));
  return (key, context) => {
    const flag = compiled.get(key);
    if (!flag || !flag.enabled) return false;
    return flag.rules.every((rule) => rule(context));
  };
}

// @filler 1

module.exports = { createEvaluator };
`,
};

// ---- 5. report export (Python generators): a mutable default argument shares columns ----
const REP = { columns: 'reports/columns.py', exporter: 'reports/exporter.py', data: 'reports/data.py' };
const reportsPy = {
  'main.py':
    'from reports.exporter import export_all\n\nfor name, text in export_all(["sales", "stock"]):\n    print(name, len(text))\n',
  'reports/__init__.py': '',
  'requirements.txt': 'openpyxl==3.1.2\n',
  [REP.columns]: `COLUMNS = {
    "sales": ["sku", "units", "revenue"],
    "stock": ["sku", "on_hand"],
}

# @filler 1


def columns_for(kind, columns=None):
    columns = list(columns or [])
    columns.extend(COLUMNS[kind])
    return columns


# @filler 1
`,
  [REP.data]: `ROWS = {
    "sales": [{"sku": "A-1", "units": 3, "revenue": 29.7}, {"sku": "B-2", "units": 1, "revenue": 12.0}],
    "stock": [{"sku": "A-1", "on_hand": 40}, {"sku": "B-2", "on_hand": 0}],
}


def rows_for(kind):
    yield from ROWS[kind]
`,
  [REP.exporter]: `from reports.columns import columns_for
from reports.data import rows_for

SEPARATOR = ","

# @filler 1


def format_row(record, columns):
    return SEPARATOR.join(str(record[c]) for c in columns)


def export_report(kind):
    columns = columns_for(kind)
    lines = [SEPARATOR.join(columns)]
    for record in rows_for(kind):
        lines.append(format_row(record, columns))
    return "\\n".join(lines)


def export_all(kinds):
    for kind in kinds:
        yield kind, export_report(kind)


# @filler 1
`,
};

// ---- 6. auth sessions (JS async classes): an await dropped two lines above a call ----
const SES = {
  refresher: 'src/auth/sessionRefresher.js',
  store: 'src/auth/sessionStore.js',
  client: 'src/auth/tokenClient.js',
};
const sessionsJs = {
  'main.js': `'use strict';
const { SessionRefresher } = require('./src/auth/sessionRefresher');
const { SessionStore } = require('./src/auth/sessionStore');
const { TokenClient } = require('./src/auth/tokenClient');

Error.stackTraceLimit = 50;
async function main() {
  const refresher = new SessionRefresher(new SessionStore(), new TokenClient());
  console.log(JSON.stringify(await refresher.refreshAll(['s-1', 's-2'])));
}

main().catch((err) => {
  console.error(err.stack);
  process.exit(1);
});
`,
  'package.json': pkg('auth-service', { undici: '^5.23.0', jose: '^4.15.4' }),
  [SES.store]: `'use strict';

const ROWS = new Map([
  ['s-1', { id: 's-1', user: 'u-1', refreshToken: 'rt-aaaa-1111', expiresAt: Date.parse('2025-01-01T00:00:00Z') }],
  ['s-2', { id: 's-2', user: 'u-2', refreshToken: 'rt-bbbb-2222', expiresAt: Date.parse('2099-01-01T00:00:00Z') }],
]);

// @filler 1

class SessionStore {
  async load(id) {
    await new Promise((resolve) => setImmediate(resolve));
    const row = ROWS.get(id);
    return row ? { ...row } : null;
  }

  async save(session) {
    ROWS.set(session.id, { ...session });
  }
}

module.exports = { SessionStore };
`,
  [SES.client]: `'use strict';

// @filler 1

class TokenClient {
  async exchange(refreshToken) {
    await new Promise((resolve) => setImmediate(resolve));
    return { accessToken: 'at-' + refreshToken.slice(3), ttlSeconds: 3600 };
  }
}

module.exports = { TokenClient };
`,
  [SES.refresher]: `'use strict';

const SKEW_MS = 10000;

// @filler 1

class SessionRefresher {
  constructor(store, client) {
    this.store = store;
    this.client = client;
  }

  async refresh(id) {
    const session = await this.store.load(id);
    if (session.expiresAt - SKEW_MS > Date.now()) return { id, refreshed: false };
    const grant = await this.client.exchange(session.refreshToken);
    session.accessToken = grant.accessToken;
    session.expiresAt = Date.now() + 1000 * grant.ttlSeconds;
    await this.store.save(session);
    return { id, refreshed: true };
  }

  async refreshAll(ids) {
    return Promise.all(ids.map((id) => this.refresh(id)));
  }
}

// @filler 1

module.exports = { SessionRefresher };
`,
};

// ---- 7. search analysis (Python): parameters swapped, one caller left behind ----
const ANA = { analysis: 'search/analysis.py', indexer: 'search/indexer.py', query: 'search/query.py' };
const analysisPy = {
  'main.py':
    'import json\n\nfrom search.indexer import Indexer\nfrom search.query import parse_query\n\nindexer = Indexer()\nindexer.add("d1", "The quick brown fox", "en")\nindexer.add("d2", "Der schnelle braune Fuchs", "de")\nprint(json.dumps(indexer.search(parse_query("quick fox", "en"))))\n',
  'search/__init__.py': '',
  'requirements.txt': 'regex==2023.10.3\n',
  [ANA.analysis]: `import re

STOPWORDS = {
    "en": {"the", "a", "an", "of"},
    "de": {"der", "die", "das", "ein"},
}
WORD = re.compile(r"\\w+")

# @filler 2


def tokenize(text, lang):
    words = WORD.findall(text.lower())
    stop = STOPWORDS[lang]
    return [w for w in words if w not in stop]


# @filler 1
`,
  [ANA.indexer]: `from collections import defaultdict

from search.analysis import tokenize

# @filler 1


class Indexer:
    def __init__(self):
        self.postings = defaultdict(set)

    def add(self, doc_id, text, lang):
        for term in tokenize(text, lang):
            self.postings[term].add(doc_id)

    def search(self, terms):
        hits = [self.postings.get(t, set()) for t in terms]
        return sorted(set.intersection(*hits)) if hits else []
`,
  [ANA.query]: `from search.analysis import tokenize

MAX_TERMS = 8

# @filler 1


def parse_query(text, lang):
    terms = tokenize(text, lang)
    return terms[:MAX_TERMS]
`,
};

// ---- 8. notification throttle (Python): true division became floor division ----
const THR = { throttle: 'notify/throttle.py', sender: 'notify/sender.py', config: 'notify/config.py' };
const throttlePy = {
  'main.py':
    'import json\n\nfrom notify.sender import plan_batch\n\nprint(json.dumps(plan_batch([f"user-{i}" for i in range(8)], start=0.0)))\n',
  'notify/__init__.py': '',
  'requirements.txt': 'redis==5.0.1\n',
  [THR.config]: 'QUOTA_PER_MINUTE = 60\nBURST = 5\nCHANNELS = ("email", "push")\n',
  [THR.throttle]: `from notify.config import BURST, QUOTA_PER_MINUTE

# @filler 1


def per_second(quota=QUOTA_PER_MINUTE):
    return quota / 60


def burst_size():
    return min(BURST, QUOTA_PER_MINUTE)


# @filler 1
`,
  [THR.sender]: `from notify.throttle import burst_size, per_second

# @filler 1


def spacing():
    return 1.0 / per_second()


def plan_batch(recipients, start):
    gap = spacing()
    burst = burst_size()
    plan = []
    for i, recipient in enumerate(recipients):
        at = start + max(0, i - burst) * gap
        plan.append({"to": recipient, "at": round(at, 3)})
    return plan
`,
};

// ---- 9. report upload (TypeScript, minified bundle + map): producer renamed a JSON field ----
const EXP = {
  serializer: 'src/export/serializer.ts',
  uploader: 'src/export/uploader.ts',
  job: 'src/export/exportJob.ts',
};
const exportTs = {
  'src/main.ts':
    "import { exportReport } from './export/exportJob';\n\nasync function main(): Promise<void> {\n  const receipt = await exportReport('weekly-sales');\n  console.log(JSON.stringify(receipt));\n}\n\nmain();\n",
  'package.json': pkg('report-exporter', { zod: '^3.22.2' }),
  [EXP.serializer]: `export interface Row {
  sku: string;
  units: number;
}

// @filler 1

export function serialize(report: string, rows: Row[]): string {
  return JSON.stringify({
    report,
    generatedAt: new Date(0).toISOString(),
    rows: rows.map((r) => ({ sku: r.sku, units: r.units })),
  });
}
`,
  [EXP.uploader]: `export interface Receipt {
  report: string;
  count: number;
  bytes: number;
}

// @filler 1

export async function upload(payload: string): Promise<Receipt> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  const body = JSON.parse(payload);
  const count = body.rows.length;
  return { report: body.report, count, bytes: payload.length };
}
`,
  [EXP.job]: `import { serialize, type Row } from './serializer';
import { upload, type Receipt } from './uploader';

const DATA: Record<string, Row[]> = {
  'weekly-sales': [
    { sku: 'A-1', units: 3 },
    { sku: 'B-2', units: 7 },
  ],
};

// @filler 1

export async function exportReport(name: string): Promise<Receipt> {
  const rows = DATA[name] ?? [];
  const payload = serialize(name, rows);
  return upload(payload);
}
`,
};

// ---- 10. digest mailer (JS classes, @sentry/node): a query helper stopped matching case-insensitively ----
const DIG = {
  table: 'src/db/table.js',
  prefs: 'src/digest/preferenceRepository.js',
  mailer: 'src/digest/digestMailer.js',
};
const digestJs = {
  'main.js': `'use strict';
const { DigestMailer } = require('./src/digest/digestMailer');
const { Table } = require('./src/db/table');
const { PreferenceRepository } = require('./src/digest/preferenceRepository');

const prefs = new Table('preferences', [
  { email: 'ada@example.com', channels: ['email'], frequency: 'daily' },
  { email: 'grace@example.com', channels: ['email', 'push'], frequency: 'weekly' },
]);
const mailer = new DigestMailer(new PreferenceRepository(prefs));
console.log(JSON.stringify(mailer.recipients(['Ada@Example.com', 'grace@example.com'])));
`,
  'package.json': pkg('digest-mailer', { '@sentry/node': '^10.0.0', nodemailer: '^6.9.4' }),
  [DIG.table]: `'use strict';

// @filler 1

class Table {
  constructor(name, rows) {
    this.name = name;
    this.rows = rows.map((row) => ({ ...row }));
  }

  findOne(column, value) {
    const wanted = String(value).toLowerCase();
    return this.rows.find((row) => String(row[column]).toLowerCase() === wanted) ?? null;
  }

  findAll(column, value) {
    return this.rows.filter((row) => row[column] === value);
  }
}

// @filler 1

module.exports = { Table };
`,
  [DIG.prefs]: `'use strict';

// @filler 1

class PreferenceRepository {
  constructor(table) {
    this.table = table;
  }

  forEmail(email) {
    return this.table.findOne('email', email);
  }
}

module.exports = { PreferenceRepository };
`,
  [DIG.mailer]: `'use strict';

// @filler 1

class DigestMailer {
  constructor(preferences) {
    this.preferences = preferences;
  }

  wantsEmail(email) {
    const prefs = this.preferences.forEmail(email);
    return prefs.channels.includes('email');
  }

  recipients(emails) {
    return emails.filter((email) => this.wantsEmail(email));
  }
}

// @filler 1

module.exports = { DigestMailer };
`,
};

// ---- 11. token refresh (Python): a failure is swallowed in one loop and re-raised on first use ----
const TOK = {
  tokens: 'auth/tokens.py',
  client: 'auth/client.py',
  refresher: 'auth/refresher.py',
  sessions: 'auth/sessions.py',
};
const tokensPy = {
  'main.py':
    'from auth.client import TokenClient\nfrom auth.refresher import SessionRefresher\nfrom auth.sessions import demo_sessions\n\nrefresher = SessionRefresher(TokenClient())\nsessions = demo_sessions()\nrefresher.prefetch(sessions)\nfor session in sessions:\n    print(session.user, refresher.token_for(session)[:12])\n',
  'auth/__init__.py': '',
  'requirements.txt': 'requests==2.31.0\n',
  [TOK.sessions]: `from dataclasses import dataclass
from typing import Optional


@dataclass
class Session:
    user: str
    refresh_token: str
    token: Optional[str] = None


def demo_sessions():
    return [
        Session("ada", "eyJzdWIiOiJhZGEiLCJleHAiOjE3MzYwMDAwMDB9"),
        Session("grace", "eyJzdWIiOiJncmFjZSIsImV4cCI6MTczNjAwMDAwMH0"),
    ]
`,
  [TOK.tokens]: `import base64
import json

# @filler 1


def decode_claims(token):
    padded = token + "=" * (-len(token) % 4)
    raw = base64.urlsafe_b64decode(padded)
    return json.loads(raw)


# @filler 1
`,
  [TOK.client]: `import hashlib

from auth.tokens import decode_claims

# @filler 1


class TokenClient:
    def exchange(self, refresh_token):
        claims = decode_claims(refresh_token)
        digest = hashlib.sha256(refresh_token.encode()).hexdigest()
        return f"at.{claims['sub']}.{digest[:16]}"
`,
  [TOK.refresher]: `class SessionRefresher:
    def __init__(self, client):
        self.client = client

    def prefetch(self, sessions):
        for session in sessions:
            session.token = self.client.exchange(session.refresh_token)

    def token_for(self, session):
        return session.token
`,
};

// ---- 12. search indexing (Java interface + implementations): an enum constant renamed ----
const IDX_DIR = 'src/main/java/com/acme/search';
const IDX = {
  type: `${IDX_DIR}/FieldType.java`,
  number: `${IDX_DIR}/NumberAnalyzer.java`,
  text: `${IDX_DIR}/TextAnalyzer.java`,
  schema: `${IDX_DIR}/Schema.java`,
  writer: `${IDX_DIR}/IndexWriter.java`,
};
const indexJava = {
  'pom.xml': pom('search-indexer', [['org.apache.commons', 'commons-lang3', '3.13.0']]),
  [`${IDX_DIR}/App.java`]:
    'package com.acme.search;\n\nimport java.util.List;\nimport java.util.Map;\n\npublic class App {\n    public static void main(String[] args) {\n        Schema schema = new Schema(Map.of("title", "text", "sku", "keyword", "price", "number"));\n        IndexWriter writer = new IndexWriter(schema, List.of(new TextAnalyzer(), new KeywordAnalyzer(), new NumberAnalyzer()));\n        writer.addDocument(Map.of("title", "Red Shoes", "sku", "A-1", "price", "59.90"));\n        System.out.println(writer.size() + " terms");\n    }\n}\n',
  [`${IDX_DIR}/Analyzer.java`]:
    'package com.acme.search;\n\nimport java.util.List;\n\npublic interface Analyzer {\n    FieldType type();\n\n    List<String> analyze(String value);\n}\n',
  [IDX.type]: `package com.acme.search;

public enum FieldType {
    TEXT,
    KEYWORD,
    NUMBER;

    static FieldType parse(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
`,
  [IDX.text]: `package com.acme.search;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

public class TextAnalyzer implements Analyzer {
    // @filler 1

    @Override
    public FieldType type() {
        return FieldType.TEXT;
    }

    @Override
    public List<String> analyze(String value) {
        return Arrays.stream(value.toLowerCase().split(" ")).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }
}
`,
  [`${IDX_DIR}/KeywordAnalyzer.java`]:
    'package com.acme.search;\n\nimport java.util.List;\n\npublic class KeywordAnalyzer implements Analyzer {\n    @Override\n    public FieldType type() {\n        return FieldType.KEYWORD;\n    }\n\n    @Override\n    public List<String> analyze(String value) {\n        return List.of(value);\n    }\n}\n',
  [IDX.number]: `package com.acme.search;

import java.util.List;

public class NumberAnalyzer implements Analyzer {
    @Override
    public FieldType type() {
        return FieldType.NUMBER;
    }

    @Override
    public List<String> analyze(String value) {
        return List.of(String.valueOf(Math.round(Double.parseDouble(value) * 100)));
    }
}
`,
  [IDX.schema]: `package com.acme.search;

import java.util.Map;
import java.util.TreeMap;

public class Schema {
    private final Map<String, String> fields;

    public Schema(Map<String, String> fields) {
        this.fields = new TreeMap<>(fields);
    }

    // @filler 1

    public FieldType typeOf(String field) {
        String declared = fields.get(field);
        if (declared == null) throw new IllegalArgumentException("unknown field " + field);
        return FieldType.parse(declared);
    }
}
`,
  [IDX.writer]: `package com.acme.search;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

public class IndexWriter {
    private final Schema schema;
    private final Map<FieldType, Analyzer> analyzers = new EnumMap<>(FieldType.class);
    private final Map<String, Set<String>> postings = new TreeMap<>();

    public IndexWriter(Schema schema, List<Analyzer> analyzers) {
        this.schema = schema;
        for (Analyzer a : analyzers) this.analyzers.put(a.type(), a);
    }

    // @filler 1

    public void addDocument(Map<String, String> doc) {
        for (Map.Entry<String, String> field : new TreeMap<>(doc).entrySet()) {
            FieldType type = schema.typeOf(field.getKey());
            for (String term : analyzers.get(type).analyze(field.getValue())) {
                postings.computeIfAbsent(field.getKey() + ":" + term, k -> new TreeSet<>()).add("doc");
            }
        }
    }

    public int size() {
        return postings.size();
    }
}
`,
};

// ---- 13. analytics rollup (JS generators): seconds read from a field that is already in ms ----
const ROLL = {
  rollup: 'src/analytics/rollup.js',
  time: 'src/analytics/time.js',
  collector: 'src/analytics/collector.js',
};
const rollupJs = {
  'main.js': `'use strict';
const { rollup } = require('./src/analytics/rollup');
const { readEvents } = require('./src/analytics/collector');

Error.stackTraceLimit = 50;
const buckets = [...rollup(readEvents(), { from: Date.parse('2025-02-01T10:00:00Z'), minutes: 5, count: 12 })];
console.log(JSON.stringify(buckets.filter((b) => b.count > 0)));
`,
  'package.json': pkg('analytics-rollup', { kafkajs: '^2.2.4' }),
  [ROLL.collector]: `'use strict';

const RAW = [
  { name: 'page_view', ts: 1738404060, receivedAt: 1738404061250 },
  { name: 'click', ts: 1738404400, receivedAt: 1738404400900 },
  { name: 'page_view', ts: 1738405000, receivedAt: 1738405002000 },
];

// @filler 1

function* readEvents() {
  for (const raw of RAW) yield { ...raw };
}

module.exports = { readEvents };
`,
  [ROLL.time]: `'use strict';

// @filler 1

function eventTime(event) {
  return 1000 * event.ts;
}

function minutesToMs(minutes) {
  return 60000 * minutes;
}

// @filler 1

module.exports = { eventTime, minutesToMs };
`,
  [ROLL.rollup]: `'use strict';
const { eventTime, minutesToMs } = require('./time');

// @filler 1

function* rollup(events, window) {
  const width = minutesToMs(window.minutes);
  const buckets = Array.from({ length: window.count }, (_, i) => ({ start: window.from + i * width, count: 0, names: new Set() }));
  for (const event of events) {
    const index = Math.floor((eventTime(event) - window.from) / width);
    buckets[index].count += 1;
    buckets[index].names.add(event.name);
  }
  for (const bucket of buckets) yield { start: bucket.start, count: bucket.count, names: [...bucket.names] };
}

// @filler 1

module.exports = { rollup };
`,
};

// ---- 14. session expiry (Java interface + implementation): the producer's date format changed ----
const AUTH_DIR = 'src/main/java/com/acme/auth';
const AUTH = { store: `${AUTH_DIR}/InMemorySessionStore.java`, refresher: `${AUTH_DIR}/Refresher.java` };
const authJava = {
  'pom.xml': pom('auth-sessions', [['org.slf4j', 'slf4j-api', '2.0.7']]),
  [`${AUTH_DIR}/App.java`]:
    'package com.acme.auth;\n\nimport java.time.Instant;\n\npublic class App {\n    public static void main(String[] args) {\n        SessionStore store = new InMemorySessionStore();\n        store.save(new Session("s-1", "ada", Instant.parse("2025-01-06T10:00:00Z")));\n        store.save(new Session("s-2", "grace", Instant.parse("2025-01-06T18:00:00Z")));\n        Refresher refresher = new Refresher(store, Instant.parse("2025-01-06T12:00:00Z"));\n        System.out.println(refresher.expired());\n    }\n}\n',
  [`${AUTH_DIR}/Session.java`]:
    'package com.acme.auth;\n\nimport java.time.Instant;\n\npublic record Session(String id, String user, Instant expiresAt) {}\n',
  [`${AUTH_DIR}/SessionStore.java`]:
    'package com.acme.auth;\n\nimport java.util.List;\nimport java.util.Map;\n\npublic interface SessionStore {\n    void save(Session session);\n\n    List<Map<String, String>> rows();\n}\n',
  [AUTH.store]: `package com.acme.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class InMemorySessionStore implements SessionStore {
    private final List<Map<String, String>> rows = new ArrayList<>();

    // @filler 1

    @Override
    public void save(Session session) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("id", session.id());
        row.put("expires", session.expiresAt().toString());
        rows.add(row);
    }

    @Override
    public List<Map<String, String>> rows() {
        return List.copyOf(rows);
    }
}
`,
  [AUTH.refresher]: `package com.acme.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

public class Refresher {
    private final SessionStore store;
    private final Instant now;

    Refresher(SessionStore store, Instant now) {
        this.store = store;
        this.now = now;
    }

    // @filler 1

    boolean isExpired(Map<String, String> row) {
        Instant expires = Instant.parse(row.get("expires"));
        return expires.isBefore(now);
    }

    public List<String> expired() {
        return store.rows().stream().filter(this::isExpired).map(r -> r.get("id")).collect(Collectors.toList());
    }
}
`,
};

export const scenarios = [
  {
    name: 'fr-js-search-pagination-off-by-one',
    bugClass: 'off-by-one-bound',
    fresh: true,
    lang: 'js',
    cases: ['off-by-one', 'bug-not-in-stack', 'decoy-on-crash-line', 'same-function-decoys', 'post-deploy-edit'],
    gitignore: NODE_IGNORE,
    files: searchJs,
    range: [
      {
        msg: 'Search: ties ranked by id',
        edit: [
          [
            SRCH.service,
            '    return [...hits].sort((a, b) => a.title.length - b.title.length);',
            '    return [...hits].sort((a, b) => a.title.length - b.title.length || a.id.localeCompare(b.id));',
          ],
        ],
      },
      {
        msg: 'Paginator: pages of up to 100 results',
        author: 1,
        edit: [[SRCH.pager, 'const MAX_PAGE_SIZE = 50;', 'const MAX_PAGE_SIZE = 100;']],
      },
      {
        msg: 'Paginator: zero-based pages, as the mobile client sends them',
        bug: true,
        author: 1,
        edit: [[SRCH.pager, '  const start = (page - 1) * perPage;', '  const start = page * perPage;']],
      },
      {
        msg: 'Search: return the page number',
        author: 3,
        edit: [
          [
            SRCH.service,
            '    return { total: page.total, items: page.items.map((d) => d.id), cursor: last.id };',
            '    return { total: page.total, page: page.page, items: page.items.map((d) => d.id), cursor: last.id };',
          ],
        ],
      },
      {
        msg: 'Tokenizer: "and" is a stopword',
        edit: [
          [
            SRCH.tok,
            "const STOPWORDS = new Set(['a', 'an', 'the', 'of']);",
            "const STOPWORDS = new Set(['a', 'an', 'and', 'the', 'of']);",
          ],
        ],
      },
      {
        msg: 'Paginator: report the page count',
        author: 1,
        gapMinutes: SAME_DAY,
        edit: [
          [
            SRCH.pager,
            '  return { page, perPage, total: items.length, items: items.slice(start, start + perPage) };',
            '  return { page, perPage, total: items.length, pages: Math.ceil(items.length / perPage), items: items.slice(start, start + perPage) };',
          ],
        ],
      },
      {
        msg: 'Index: count each term once per document',
        author: 4,
        edit: [
          [
            SRCH.index,
            '    for (const term of tokenize(doc.title)) {',
            '    for (const term of new Set(tokenize(doc.title))) {',
          ],
        ],
      },
      { msg: 'Bump express to 4.18.3', edit: [['package.json', '"express": "^4.18.2"', '"express": "^4.18.3"']] },
    ],
    post: [
      {
        msg: 'Search: last hit with at()',
        author: 3,
        edit: [
          [SRCH.service, '    const last = page.items[page.items.length - 1];', '    const last = page.items.at(-1);'],
        ],
      },
      {
        msg: 'Search: doc',
        edit: [[SRCH.service, '  search(request) {', '  /** One page of hits for a query. */\n  search(request) {']],
      },
    ],
  },
  {
    name: 'fr-py-reminder-date-format',
    bugClass: 'serialisation-format-change',
    fresh: true,
    lang: 'py',
    cases: ['date-format', 'constant-in-same-file', 'decoy-on-crash-line', 'generator', 'merge', 'stdlib-frame'],
    gitignore: PY_IGNORE,
    files: remindersPy,
    tags: ['v4.2.0', 'v4.3.0'],
    range: [
      {
        msg: 'Reminders: a day ahead',
        edit: [[REM.schedule, 'LEAD = timedelta(hours=12)', 'LEAD = timedelta(hours=24)']],
      },
      {
        msg: 'Runner: SMS reminders',
        branch: 'feature/sms',
        author: 4,
        edit: [
          [REM.runner, '        sent.append(reminder)\n', '        sent.append({**reminder, "channel": "email"})\n'],
        ],
      },
      {
        msg: 'Store: move the Linus booking',
        edit: [[REM.store, '"starts": "2025-03-02 08:15"', '"starts": "2025-03-02 09:45"']],
      },
      {
        msg: 'Timeparse: bookings are stored as ISO 8601 with an offset',
        bug: true,
        author: 2,
        edit: [[REM.parse, 'STORED_FORMAT = "%Y-%m-%d %H:%M"', 'STORED_FORMAT = "%Y-%m-%dT%H:%M%z"']],
      },
      {
        msg: 'Timeparse: tolerate stray whitespace',
        author: 2,
        gapMinutes: SAME_DAY,
        edit: [
          [
            REM.parse,
            '    parsed = datetime.strptime(value, STORED_FORMAT)',
            '    parsed = datetime.strptime(value.strip(), STORED_FORMAT)',
          ],
        ],
      },
      {
        msg: 'Schedule: bookings without a start are skipped',
        author: 1,
        edit: [
          [
            REM.schedule,
            '        starts = parse_start(booking["starts"])',
            '        starts = parse_start(booking.get("starts") or "")',
          ],
        ],
      },
      {
        msg: 'Runner: record the channel per reminder',
        branch: 'feature/sms',
        author: 4,
        edit: [[REM.runner, '    sent = []\n', '    sent = []  # one entry per channel\n']],
      },
      { msg: "Merge branch 'feature/sms'", merge: 'feature/sms', author: 4 },
      {
        msg: 'Timeparse: parse_instant accepts a trailing Z',
        author: 0,
        edit: [
          [
            REM.parse,
            '    return datetime.fromisoformat(value)',
            '    return datetime.fromisoformat(value.replace("Z", "+00:00"))',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Timeparse: docstring',
        edit: [
          [
            REM.parse,
            'def parse_start(value):\n',
            'def parse_start(value):\n    """A stored booking start as an aware datetime."""\n',
          ],
        ],
      },
    ],
  },
  {
    name: 'fr-java-shipping-weight-units',
    bugClass: 'unit-or-precision-change',
    fresh: true,
    lang: 'java',
    main: 'com.acme.shipping.App',
    cases: ['unit-conversion', 'bug-not-in-stack', 'interface-impl', 'merge', 'decoy-on-crash-line', 'stream-lambda'],
    gitignore: JAVA_IGNORE,
    files: shippingJava,
    range: [
      {
        msg: 'Ground: domestic base price 5.25',
        author: 1,
        edit: [[SHIP.ground, 'parcel.domestic() ? 4.95 : 9.5', 'parcel.domestic() ? 5.25 : 9.5']],
      },
      {
        msg: 'Air: parcels up to 32 kg',
        branch: 'feature/limits',
        author: 3,
        edit: [[SHIP.air, 'MAX_KG = 30.0;', 'MAX_KG = 32.0;']],
      },
      {
        msg: 'Parcel: weights rounded to one decimal',
        bug: true,
        author: 0,
        edit: [[SHIP.parcel, '        return grams / 1000.0;', '        return Math.round(grams / 100.0);']],
      },
      {
        msg: 'Ground: say how heavy the parcel is',
        branch: 'feature/limits',
        author: 3,
        edit: [
          [
            SHIP.ground,
            '"parcel " + parcel.id() + " is over " + MAX_KG + " kg for ground"',
            '"parcel " + parcel.id() + " weighs " + kg + " kg, over the ground limit of " + MAX_KG',
          ],
        ],
      },
      {
        msg: 'Parcel: Belgium ships as domestic',
        author: 0,
        gapMinutes: SAME_DAY,
        edit: [
          [
            SHIP.parcel,
            '        return country.equals("NL");',
            '        return country.equals("NL") || country.equals("BE");',
          ],
        ],
      },
      {
        msg: 'Calculator: ground wins ties',
        author: 2,
        edit: [
          [
            SHIP.calc,
            '            .min(Comparator.comparingDouble(Quote::price))',
            '            .min(Comparator.comparingDouble(Quote::price).thenComparing(Quote::carrier))',
          ],
        ],
      },
      { msg: "Merge branch 'feature/limits'", merge: 'feature/limits', author: 3 },
      { msg: 'Bump jackson-databind to 2.15.3', edit: [['pom.xml', '2.15.2', '2.15.3']] },
    ],
    post: [
      {
        msg: 'Ground: doc',
        edit: [
          [
            SHIP.ground,
            '    public Quote quote(Parcel parcel) {',
            '    /** Flat base plus a per-kilogram rate, up to MAX_KG. */\n    public Quote quote(Parcel parcel) {',
          ],
        ],
      },
    ],
  },
  {
    name: 'fr-js-sentry-flags-operator-case',
    bugClass: 'key-normalisation-change',
    fresh: true,
    lang: 'js',
    capture: 'sentry',
    cases: ['enum-case', 'bug-not-in-stack', 'closure', 'decoy-on-crash-line', 'sentry'],
    gitignore: NODE_IGNORE,
    files: flagsJs,
    range: [
      {
        msg: 'Operators: NEQ',
        author: 2,
        edit: [
          [
            FLAG.ops,
            '  IN: (actual, expected) => expected.includes(actual),\n',
            '  IN: (actual, expected) => expected.includes(actual),\n  NEQ: (actual, expected) => actual !== expected,\n',
          ],
        ],
      },
      {
        msg: 'Evaluator: unknown flags are off',
        author: 2,
        edit: [
          [
            FLAG.evaluator,
            '    if (!flag || !flag.enabled) return false;',
            '    if (flag === undefined || !flag.enabled) return false;',
          ],
        ],
      },
      {
        msg: 'Rules: operators in lower case, as the admin UI shows them',
        bug: true,
        author: 4,
        edit: [
          [
            FLAG.schema,
            '    op: String(rule.op).trim().toUpperCase(),',
            '    op: String(rule.op).trim().toLowerCase(),',
          ],
        ],
      },
      {
        msg: 'Evaluator: missing attributes compare as null',
        author: 1,
        edit: [
          [
            FLAG.evaluator,
            '  return (context) => test(context[rule.attr], rule.value);',
            '  return (context) => test(context[rule.attr] ?? null, rule.value);',
          ],
        ],
      },
      {
        msg: 'Flags: dark mode for staff',
        edit: [
          [
            FLAG.store,
            "{ key: 'dark-mode', enabled: false, rules: [] },",
            "{ key: 'dark-mode', enabled: false, rules: [{ attr: 'staff', op: 'EQ', value: true }] },",
          ],
        ],
      },
      {
        msg: 'Rules: attribute names without inner spaces',
        author: 4,
        gapMinutes: SAME_DAY,
        edit: [
          [
            FLAG.schema,
            '    attr: String(rule.attr).trim(),',
            "    attr: String(rule.attr).trim().replace(/\\s+/g, ''),",
          ],
        ],
      },
      { msg: 'Bump ajv to 8.12.1', edit: [['package.json', '"ajv": "^8.12.0"', '"ajv": "^8.12.1"']] },
    ],
    post: [
      {
        msg: 'Evaluator: doc',
        edit: [
          [
            FLAG.evaluator,
            'function compileRule(rule) {',
            '/** A rule as a predicate over the request context. */\nfunction compileRule(rule) {',
          ],
        ],
      },
    ],
  },
  {
    name: 'fr-py-report-mutable-default',
    bugClass: 'behaviour-in-chore-commit',
    fresh: true,
    lang: 'py',
    cases: [
      'mutable-default',
      'bug-not-in-stack',
      'generator',
      'decoy-on-crash-line',
      'same-function-decoys',
      'tests-only',
    ],
    gitignore: PY_IGNORE,
    files: reportsPy,
    range: [
      {
        msg: 'Data: demo rows for C-3',
        edit: [
          [
            REP.data,
            '{"sku": "B-2", "units": 1, "revenue": 12.0}]',
            '{"sku": "B-2", "units": 1, "revenue": 12.0}, {"sku": "C-3", "units": 2, "revenue": 8.5}]',
          ],
        ],
      },
      {
        msg: 'Exporter: semicolons for Excel locales',
        author: 3,
        edit: [[REP.exporter, 'SEPARATOR = ","', 'SEPARATOR = ";"']],
      },
      {
        msg: 'Columns: no copy of the column list',
        bug: true,
        author: 1,
        edit: [
          [
            REP.columns,
            'def columns_for(kind, columns=None):\n    columns = list(columns or [])\n',
            'def columns_for(kind, columns=[]):\n',
          ],
        ],
      },
      {
        msg: 'Exporter: f-strings',
        author: 3,
        edit: [
          [
            REP.exporter,
            '    return SEPARATOR.join(str(record[c]) for c in columns)',
            '    return SEPARATOR.join(f"{record[c]}" for c in columns)',
          ],
        ],
      },
      {
        msg: 'Columns: human labels',
        author: 1,
        gapMinutes: SAME_DAY,
        edit: [
          [
            REP.columns,
            '    columns.extend(COLUMNS[kind])\n    return columns\n',
            '    columns.extend(COLUMNS[kind])\n    return columns\n\n\ndef label(column):\n    return column.replace("_", " ").title()\n',
          ],
        ],
      },
      {
        msg: 'Exporter: labelled headers',
        author: 3,
        edit: [
          [REP.exporter, 'from reports.columns import columns_for', 'from reports.columns import columns_for, label'],
          [
            REP.exporter,
            '    lines = [SEPARATOR.join(columns)]',
            '    lines = [SEPARATOR.join(label(c) for c in columns)]',
          ],
        ],
      },
      {
        msg: 'Data: B-2 restocked',
        edit: [[REP.data, '{"sku": "B-2", "on_hand": 0}', '{"sku": "B-2", "on_hand": 12}']],
      },
      {
        msg: 'Tests: exporter',
        author: 0,
        write: {
          'tests/test_exporter.py':
            'from reports.exporter import export_report\n\n\ndef test_sales_header():\n    assert export_report("sales").splitlines()[0] == "Sku;Units;Revenue"\n',
        },
      },
    ],
    post: [
      {
        msg: 'Exporter: docstring',
        edit: [
          [
            REP.exporter,
            'def format_row(record, columns):\n',
            'def format_row(record, columns):\n    """One CSV line of a record, in column order."""\n',
          ],
        ],
      },
    ],
  },
  {
    name: 'fr-js-session-missing-await',
    bugClass: 'behaviour-in-chore-commit',
    fresh: true,
    lang: 'js',
    cases: ['missing-await', 'bug-in-caller-function', 'async', 'decoy-on-crash-line', 'post-deploy-fix'],
    gitignore: NODE_IGNORE,
    files: sessionsJs,
    range: [
      {
        msg: 'Refresher: 30 s clock skew',
        author: 1,
        edit: [[SES.refresher, 'const SKEW_MS = 10000;', 'const SKEW_MS = 30000;']],
      },
      {
        msg: 'Store: keep the save time',
        edit: [
          [
            SES.store,
            '    ROWS.set(session.id, { ...session });',
            '    ROWS.set(session.id, { ...session, savedAt: Date.now() });',
          ],
        ],
      },
      {
        msg: 'Refresher: drop awaits the linter flagged as redundant',
        bug: true,
        author: 3,
        edit: [
          [SES.refresher, '    const session = await this.store.load(id);', '    const session = this.store.load(id);'],
        ],
      },
      {
        msg: 'Refresher: refresh tokens rotate',
        author: 3,
        gapMinutes: SAME_DAY,
        edit: [
          [
            SES.refresher,
            '    session.accessToken = grant.accessToken;\n',
            '    session.accessToken = grant.accessToken;\n    session.refreshToken = grant.refreshToken ?? session.refreshToken;\n',
          ],
        ],
      },
      {
        msg: 'Token client: access tokens use an underscore prefix',
        author: 2,
        edit: [
          [
            SES.client,
            "    return { accessToken: 'at-' + refreshToken.slice(3), ttlSeconds: 3600 };",
            "    return { accessToken: 'at_' + refreshToken.slice(3), ttlSeconds: 3600 };",
          ],
        ],
      },
      {
        msg: 'Refresher: each session once',
        author: 1,
        edit: [
          [
            SES.refresher,
            '    return Promise.all(ids.map((id) => this.refresh(id)));',
            '    return Promise.all([...new Set(ids)].map((id) => this.refresh(id)));',
          ],
        ],
      },
      { msg: 'Bump undici to 5.26.3', edit: [['package.json', '"undici": "^5.23.0"', '"undici": "^5.26.3"']] },
    ],
    post: [
      {
        msg: 'Token client: doc',
        edit: [
          [
            SES.client,
            '  async exchange(refreshToken) {',
            '  /** A new access token for a refresh token. */\n  async exchange(refreshToken) {',
          ],
        ],
      },
      {
        msg: 'Refresher: await the session again (hotfix)',
        author: 3,
        edit: [
          [SES.refresher, '    const session = this.store.load(id);', '    const session = await this.store.load(id);'],
        ],
      },
    ],
  },
  {
    name: 'fr-py-search-stale-caller',
    bugClass: 'signature-change-stale-caller',
    fresh: true,
    lang: 'py',
    cases: ['stale-caller', 'signature-change', 'same-function-decoys', 'decoy-on-caller-line', 'merge'],
    gitignore: PY_IGNORE,
    files: analysisPy,
    range: [
      {
        msg: 'Analysis: German articles',
        edit: [[ANA.analysis, '"de": {"der", "die", "das", "ein"},', '"de": {"der", "die", "das", "den", "ein"},']],
      },
      {
        msg: 'Indexer: remove documents',
        branch: 'feature/delete',
        author: 2,
        edit: [
          [
            ANA.indexer,
            '    def search(self, terms):',
            '    def remove(self, doc_id):\n        for ids in self.postings.values():\n            ids.discard(doc_id)\n\n    def search(self, terms):',
          ],
        ],
      },
      { msg: 'Query: at most 10 terms', author: 4, edit: [[ANA.query, 'MAX_TERMS = 8', 'MAX_TERMS = 10']] },
      {
        msg: 'Analysis: language first, like the other analyzers',
        bug: true,
        author: 0,
        edit: [
          [ANA.analysis, 'def tokenize(text, lang):', 'def tokenize(lang, text):'],
          [ANA.indexer, '        for term in tokenize(text, lang):', '        for term in tokenize(lang, text):'],
        ],
      },
      {
        msg: 'Query: strip the query text',
        author: 4,
        edit: [[ANA.query, '    terms = tokenize(text, lang)', '    terms = tokenize(text.strip(), lang)']],
      },
      {
        msg: 'Analysis: no digits in tokens',
        author: 0,
        gapMinutes: SAME_DAY,
        edit: [[ANA.analysis, 'WORD = re.compile(r"\\w+")', 'WORD = re.compile(r"[^\\W\\d]+")']],
      },
      {
        msg: 'Analysis: casefold',
        author: 1,
        edit: [[ANA.analysis, '    words = WORD.findall(text.lower())', '    words = WORD.findall(text.casefold())']],
      },
      { msg: "Merge branch 'feature/delete'", merge: 'feature/delete', author: 2 },
      {
        msg: 'Indexer: empty searches return nothing',
        edit: [
          [
            ANA.indexer,
            '        hits = [self.postings.get(t, set()) for t in terms]',
            '        hits = [self.postings.get(t, set()) for t in terms if t]',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Analysis: docstring',
        edit: [
          [
            ANA.analysis,
            'def tokenize(lang, text):\n',
            'def tokenize(lang, text):\n    """Lower-case words of text without the stopwords of lang."""\n',
          ],
        ],
      },
    ],
  },
  {
    name: 'fr-py-throttle-floor-division',
    bugClass: 'unit-or-precision-change',
    fresh: true,
    lang: 'py',
    cases: ['integer-division', 'bug-not-in-stack', 'related-decoy', 'decoy-on-crash-line'],
    gitignore: PY_IGNORE,
    files: throttlePy,
    range: [
      {
        msg: 'Config: 40 notifications a minute (provider limit)',
        author: 2,
        edit: [[THR.config, 'QUOTA_PER_MINUTE = 60', 'QUOTA_PER_MINUTE = 40']],
      },
      {
        msg: 'Sender: burst first, then evenly spaced',
        author: 3,
        edit: [
          [
            THR.sender,
            '        at = start + max(0, i - burst) * gap',
            '        at = start if i < burst else start + (i - burst + 1) * gap',
          ],
        ],
      },
      {
        msg: 'Throttle: whole messages per second',
        bug: true,
        author: 1,
        edit: [[THR.throttle, '    return quota / 60', '    return quota // 60']],
      },
      {
        msg: 'Sender: spacing in milliseconds precision',
        author: 3,
        edit: [[THR.sender, '    return 1.0 / per_second()', '    return round(1.0 / per_second(), 3)']],
      },
      {
        msg: 'Throttle: bursts of at least one',
        author: 1,
        gapMinutes: SAME_DAY,
        edit: [
          [THR.throttle, '    return min(BURST, QUOTA_PER_MINUTE)', '    return max(1, min(BURST, QUOTA_PER_MINUTE))'],
        ],
      },
      {
        msg: 'Config: SMS channel',
        edit: [[THR.config, 'CHANNELS = ("email", "push")', 'CHANNELS = ("email", "push", "sms")']],
      },
      { msg: 'Bump redis to 5.0.3', edit: [['requirements.txt', 'redis==5.0.1', 'redis==5.0.3']] },
    ],
    post: [
      {
        msg: 'Throttle: docstring',
        edit: [
          [
            THR.throttle,
            'def per_second(quota=QUOTA_PER_MINUTE):\n',
            'def per_second(quota=QUOTA_PER_MINUTE):\n    """Sustained sends per second under the provider quota."""\n',
          ],
        ],
      },
    ],
  },
  {
    name: 'fr-ts-bundle-export-field-rename',
    bugClass: 'schema-field-renamed',
    fresh: true,
    lang: 'js',
    capture: 'bundle',
    main: 'src/main.ts',
    cases: ['json-field-rename', 'producer-consumer', 'bundle', 'async', 'merge', 'decoy-on-crash-line'],
    gitignore: NODE_IGNORE,
    files: exportTs,
    range: [
      {
        msg: 'Serializer: fixed generation time for reproducible exports',
        author: 1,
        edit: [
          [
            EXP.serializer,
            'generatedAt: new Date(0).toISOString(),',
            'generatedAt: new Date(Date.UTC(2025, 0, 6)).toISOString(),',
          ],
        ],
      },
      {
        msg: 'Uploader: size in bytes, not characters',
        branch: 'feature/bytes',
        author: 4,
        edit: [[EXP.uploader, 'bytes: payload.length };', 'bytes: Buffer.byteLength(payload) };']],
      },
      {
        msg: 'Serializer: payload schema v2 (records)',
        bug: true,
        author: 1,
        edit: [
          [
            EXP.serializer,
            '    rows: rows.map((r) => ({ sku: r.sku, units: r.units })),',
            '    records: rows.map((r) => ({ sku: r.sku, units: r.units })),',
          ],
        ],
      },
      {
        msg: 'Uploader: typed count',
        author: 2,
        edit: [[EXP.uploader, '  const count = body.rows.length;', '  const count: number = body.rows.length;']],
      },
      { msg: "Merge branch 'feature/bytes'", merge: 'feature/bytes', author: 4 },
      {
        msg: 'Job: sales of the Rotterdam warehouse',
        edit: [
          [
            EXP.job,
            "    { sku: 'B-2', units: 7 },\n",
            "    { sku: 'B-2', units: 7 },\n    { sku: 'C-9', units: 1 },\n",
          ],
        ],
      },
      { msg: 'Bump zod from 3.22.2 to 3.22.4', edit: [['package.json', '"zod": "^3.22.2"', '"zod": "^3.22.4"']] },
    ],
    post: [
      {
        msg: 'Uploader: doc',
        edit: [
          [
            EXP.uploader,
            'export async function upload(',
            '/** Sends one serialized report; the receipt counts its rows. */\nexport async function upload(',
          ],
        ],
      },
      {
        msg: 'Serializer: doc',
        edit: [
          [
            EXP.serializer,
            'export function serialize(',
            '/** The JSON payload of one report. */\nexport function serialize(',
          ],
        ],
      },
    ],
  },
  {
    name: 'fr-js-sentry-digest-query-null',
    bugClass: 'producer-returns-other-type',
    fresh: true,
    lang: 'js',
    capture: 'sentry',
    cases: [
      'null-from-query-helper',
      'bug-not-in-stack',
      'classes',
      'sentry',
      'decoy-on-crash-line',
      'post-deploy-edit',
    ],
    gitignore: NODE_IGNORE,
    files: digestJs,
    range: [
      {
        msg: 'Table: deep copies of rows',
        author: 0,
        edit: [
          [
            DIG.table,
            '    this.rows = rows.map((row) => ({ ...row }));',
            '    this.rows = rows.map((row) => structuredClone(row));',
          ],
        ],
      },
      {
        msg: 'Preferences: trim addresses',
        author: 2,
        edit: [
          [
            DIG.prefs,
            "    return this.table.findOne('email', email);",
            "    return this.table.findOne('email', email.trim());",
          ],
        ],
      },
      {
        msg: 'Table: exact matches in findOne, so an index can serve them',
        bug: true,
        author: 0,
        edit: [
          [
            DIG.table,
            '    const wanted = String(value).toLowerCase();\n    return this.rows.find((row) => String(row[column]).toLowerCase() === wanted) ?? null;',
            '    return this.rows.find((row) => row[column] === value) ?? null;',
          ],
        ],
      },
      {
        msg: 'Digest: never means never',
        author: 2,
        edit: [
          [
            DIG.mailer,
            "    return prefs.channels.includes('email');",
            "    return prefs.channels.includes('email') && prefs.frequency !== 'never';",
          ],
        ],
      },
      {
        msg: 'Table: findAll by predicate',
        author: 0,
        gapMinutes: SAME_DAY,
        edit: [
          [
            DIG.table,
            '  findAll(column, value) {\n    return this.rows.filter((row) => row[column] === value);',
            "  findAll(column, value) {\n    const match = typeof value === 'function' ? value : (v) => v === value;\n    return this.rows.filter((row) => match(row[column]));",
          ],
        ],
      },
      {
        msg: 'Digest: skip blank addresses',
        author: 3,
        edit: [
          [
            DIG.mailer,
            '    return emails.filter((email) => this.wantsEmail(email));',
            '    return emails.filter((email) => email && this.wantsEmail(email));',
          ],
        ],
      },
      { msg: 'Bump nodemailer to 6.9.7', edit: [['package.json', '"nodemailer": "^6.9.4"', '"nodemailer": "^6.9.7"']] },
    ],
    post: [
      {
        msg: 'Digest: paused subscriptions get nothing',
        author: 2,
        edit: [[DIG.mailer, "prefs.frequency !== 'never';", "!['never', 'paused'].includes(prefs.frequency);"]],
      },
      {
        msg: 'Digest: doc',
        edit: [[DIG.mailer, 'class DigestMailer {', '/** Who gets the e-mail digest. */\nclass DigestMailer {']],
      },
    ],
  },
  {
    name: 'fr-py-token-swallowed-reraised',
    bugClass: 'removed-guard-off-stack',
    fresh: true,
    lang: 'py',
    cases: [
      'swallowed-then-reraised',
      'bug-line-below-reraise',
      'related-decoy',
      'same-function-decoys',
      'stdlib-frame',
    ],
    gitignore: PY_IGNORE,
    files: tokensPy,
    range: [
      {
        msg: 'Client: shorter access tokens',
        author: 1,
        edit: [
          [
            TOK.client,
            '        return f"at.{claims[\'sub\']}.{digest[:16]}"',
            '        return f"at.{claims[\'sub\']}.{digest[:12]}"',
          ],
        ],
      },
      {
        msg: 'Refresher: one bad session does not stop the prefetch',
        author: 3,
        edit: [
          [
            TOK.refresher,
            '        self.client = client\n',
            '        self.client = client\n        self.failures = {}\n',
          ],
          [
            TOK.refresher,
            '            session.token = self.client.exchange(session.refresh_token)\n',
            '            try:\n                session.token = self.client.exchange(session.refresh_token)\n            except Exception as exc:  # reported on first use\n                self.failures[session.user] = exc\n',
          ],
          [
            TOK.refresher,
            '    def token_for(self, session):\n',
            '    def token_for(self, session):\n        failure = self.failures.get(session.user)\n        if failure is not None:\n            raise failure\n',
          ],
        ],
      },
      {
        msg: 'Tokens: the identity provider pads tokens now',
        bug: true,
        author: 4,
        edit: [
          [
            TOK.tokens,
            '    padded = token + "=" * (-len(token) % 4)\n    raw = base64.urlsafe_b64decode(padded)',
            '    raw = base64.urlsafe_b64decode(token)',
          ],
        ],
      },
      {
        msg: 'Tokens: claims must be an object',
        author: 4,
        gapMinutes: SAME_DAY,
        edit: [
          [
            TOK.tokens,
            '    return json.loads(raw)',
            '    claims = json.loads(raw)\n    if not isinstance(claims, dict):\n        raise ValueError("claims are not an object")\n    return claims',
          ],
        ],
      },
      {
        msg: 'Sessions: demo users in lower case',
        edit: [
          [
            TOK.sessions,
            '    token: Optional[str] = None',
            '    token: Optional[str] = None\n\n    def __post_init__(self):\n        self.user = self.user.lower()',
          ],
        ],
      },
      {
        msg: 'Client: strip whitespace from refresh tokens',
        author: 1,
        edit: [
          [
            TOK.client,
            '        claims = decode_claims(refresh_token)',
            '        claims = decode_claims(refresh_token.strip())',
          ],
        ],
      },
      { msg: 'Bump requests to 2.32.0', edit: [['requirements.txt', 'requests==2.31.0', 'requests==2.32.0']] },
    ],
    post: [
      {
        msg: 'Refresher: docstring',
        edit: [
          [
            TOK.refresher,
            '    def token_for(self, session):\n',
            '    def token_for(self, session):\n        """The prefetched token, or the error its prefetch raised."""\n',
          ],
        ],
      },
    ],
  },
  {
    name: 'fr-java-index-enum-renamed',
    bugClass: 'schema-field-renamed',
    fresh: true,
    lang: 'java',
    main: 'com.acme.search.App',
    cases: ['enum-rename', 'bug-in-stack-file-not-line', 'interface-impl', 'synthetic-frame', 'post-deploy-move'],
    gitignore: JAVA_IGNORE,
    files: indexJava,
    range: [
      {
        msg: 'Text analyzer: split on any whitespace',
        author: 2,
        edit: [[IDX.text, 'value.toLowerCase().split(" ")', 'value.toLowerCase().split("\\\\s+")']],
      },
      {
        msg: 'FieldType: NUMERIC, as the query DSL calls it',
        bug: true,
        author: 1,
        edit: [
          [IDX.type, '    NUMBER;', '    NUMERIC;'],
          [IDX.number, '        return FieldType.NUMBER;', '        return FieldType.NUMERIC;'],
        ],
      },
      {
        msg: 'FieldType: ignore surrounding spaces',
        author: 3,
        edit: [
          [
            IDX.type,
            '        return valueOf(name.toUpperCase(java.util.Locale.ROOT));',
            '        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));',
          ],
        ],
      },
      {
        msg: 'Schema: name the unknown field and the known ones',
        author: 3,
        gapMinutes: SAME_DAY,
        edit: [
          [
            IDX.schema,
            'throw new IllegalArgumentException("unknown field " + field);',
            'throw new IllegalArgumentException("unknown field " + field + ", known: " + fields.keySet());',
          ],
        ],
      },
      {
        msg: 'Number analyzer: cents as longs',
        author: 1,
        edit: [
          [
            IDX.number,
            'String.valueOf(Math.round(Double.parseDouble(value) * 100))',
            'Long.toString(Math.round(Double.parseDouble(value) * 100))',
          ],
        ],
      },
      {
        msg: 'IndexWriter: postings name the document',
        author: 0,
        edit: [[IDX.writer, '.add("doc");', '.add(doc.getOrDefault("sku", "doc"));']],
      },
      { msg: 'Bump commons-lang3 to 3.14.0', edit: [['pom.xml', '3.13.0', '3.14.0']] },
    ],
    post: [
      {
        msg: 'FieldType: doc',
        edit: [
          [
            IDX.type,
            'public enum FieldType {',
            '/** Kinds of indexed fields, as schemas name them. */\npublic enum FieldType {',
          ],
        ],
      },
    ],
  },
  {
    name: 'fr-js-rollup-generator-time-units',
    bugClass: 'unit-or-precision-change',
    fresh: true,
    lang: 'js',
    cases: ['unit-conversion', 'bug-not-in-stack', 'generator', 'decoy-on-crash-line', 'merge'],
    gitignore: NODE_IGNORE,
    files: rollupJs,
    tags: ['v0.7.0', 'v0.8.0'],
    range: [
      {
        msg: 'Collector: a late page view',
        edit: [
          [
            ROLL.collector,
            "  { name: 'page_view', ts: 1738405000, receivedAt: 1738405002000 },\n",
            "  { name: 'page_view', ts: 1738405000, receivedAt: 1738405002000 },\n  { name: 'page_view', ts: 1738406900, receivedAt: 1738406901000 },\n",
          ],
        ],
      },
      {
        msg: 'Collector: drop duplicate deliveries',
        branch: 'feature/dedupe',
        author: 4,
        edit: [
          [
            ROLL.collector,
            '  for (const raw of RAW) yield { ...raw };',
            '  const seen = new Set();\n  for (const raw of RAW) {\n    if (seen.has(raw.receivedAt)) continue;\n    seen.add(raw.receivedAt);\n    yield { ...raw };\n  }',
          ],
        ],
      },
      {
        msg: 'Time: event time as received by the collector (device clocks drift)',
        bug: true,
        author: 2,
        edit: [[ROLL.time, '  return 1000 * event.ts;', '  return 1000 * event.receivedAt;']],
      },
      {
        msg: 'Rollup: skip events before the window',
        author: 3,
        edit: [
          [
            ROLL.rollup,
            '    buckets[index].count += 1;\n',
            '    if (index < 0) continue;\n    buckets[index].count += 1;\n',
          ],
        ],
      },
      {
        msg: 'Style: increments',
        author: 0,
        gapMinutes: SAME_DAY,
        edit: [[ROLL.rollup, '    buckets[index].count += 1;', '    buckets[index].count++;']],
      },
      {
        msg: 'Time: readable constants',
        author: 2,
        edit: [[ROLL.time, '  return 60000 * minutes;', '  return 60_000 * minutes;']],
      },
      {
        msg: 'Rollup: ISO bucket starts',
        author: 3,
        edit: [
          [
            ROLL.rollup,
            'yield { start: bucket.start, count',
            'yield { start: new Date(bucket.start).toISOString(), count',
          ],
        ],
      },
      { msg: "Merge branch 'feature/dedupe'", merge: 'feature/dedupe', author: 4 },
    ],
    post: [
      {
        msg: 'Rollup: doc',
        edit: [
          [
            ROLL.rollup,
            'function* rollup(events, window) {',
            '/** Event counts per fixed-width window. */\nfunction* rollup(events, window) {',
          ],
        ],
      },
    ],
  },
  {
    name: 'fr-java-session-expiry-format',
    bugClass: 'serialisation-format-change',
    fresh: true,
    lang: 'java',
    main: 'com.acme.auth.App',
    cases: ['date-format', 'producer-consumer', 'bug-not-in-stack', 'interface-impl', 'merge', 'decoy-on-crash-line'],
    gitignore: JAVA_IGNORE,
    files: authJava,
    tags: ['v2.0.0', 'v2.1.0'],
    range: [
      {
        msg: 'Sessions: store the user',
        author: 0,
        edit: [
          [
            AUTH.store,
            '        row.put("id", session.id());\n',
            '        row.put("id", session.id());\n        row.put("user", session.user());\n',
          ],
        ],
      },
      {
        msg: 'Refresher: one minute of grace',
        author: 2,
        edit: [
          [
            AUTH.refresher,
            '        return expires.isBefore(now);',
            '        return expires.plusSeconds(60).isBefore(now);',
          ],
        ],
      },
      {
        msg: 'Refresher: expired ids in order',
        branch: 'feature/order',
        author: 4,
        edit: [[AUTH.refresher, '.map(r -> r.get("id")).collect(', '.map(r -> r.get("id")).sorted().collect(']],
      },
      {
        msg: 'Sessions: expiry in local time, as the admin UI shows it',
        bug: true,
        author: 0,
        edit: [
          [
            AUTH.store,
            '        row.put("expires", session.expiresAt().toString());',
            '        row.put("expires", session.expiresAt().atZone(java.time.ZoneOffset.UTC).toLocalDateTime().toString());',
          ],
        ],
      },
      {
        msg: 'Refresher: rows without an expiry count as expired',
        author: 2,
        edit: [
          [
            AUTH.refresher,
            '        Instant expires = Instant.parse(row.get("expires"));',
            '        Instant expires = Instant.parse(row.getOrDefault("expires", "1970-01-01T00:00:00Z"));',
          ],
        ],
      },
      {
        msg: 'Store: rows as an unmodifiable snapshot',
        author: 0,
        gapMinutes: SAME_DAY,
        edit: [
          [
            AUTH.store,
            '        return List.copyOf(rows);',
            '        return java.util.Collections.unmodifiableList(new ArrayList<>(rows));',
          ],
        ],
      },
      { msg: "Merge branch 'feature/order'", merge: 'feature/order', author: 4 },
      { msg: 'Bump slf4j-api to 2.0.9', edit: [['pom.xml', '<version>2.0.7</version>', '<version>2.0.9</version>']] },
    ],
    post: [
      {
        msg: 'Refresher: doc',
        edit: [
          [
            AUTH.refresher,
            '    boolean isExpired(Map<String, String> row) {',
            '    /** Whether a stored session is past its expiry (plus grace). */\n    boolean isExpired(Map<String, String> row) {',
          ],
        ],
      },
    ],
  },
];

// HELD-OUT scenarios: written after the ranking rules, without reading them, to measure them
// honestly. Other services (inventory, profiles, CSV import, payment webhooks, billing), other code
// shapes (classes, async chains, callbacks, dataclasses, streams and Optionals, TypeScript through
// a bundle) and messier histories (renames, formatter passes, dependency bumps, tests-only commits,
// reverts, feature branches merged inside the range, bursts by one author on one day). The scorer
// reports them apart (`heldOut: true`); never tune the ranking to their identifiers.

const NODE_IGNORE = 'dist/\nout/\nnode_modules/\n';
const PY_IGNORE = '__pycache__/\n.venv/\n';
const JAVA_IGNORE = 'out/\n*.class\ntarget/\n';
const pkg = (name, deps) =>
  `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'main.js', dependencies: deps }, null, 2)}\n`;
const SAME_DAY = 35;

// ---- 1. inventory reservations (JS classes): the key helper the crashing line calls changed ----
const INV = {
  service: 'src/inventory/reservationService.js',
  repo: 'src/inventory/stockRepository.js',
  keys: 'src/util/keys.js',
};
const inventoryJs = {
  'main.js': `'use strict';
const { ReservationService } = require('./src/inventory/reservationService');
const { StockRepository } = require('./src/inventory/stockRepository');

Error.stackTraceLimit = 50;
const stock = new StockRepository([{ sku: 'SKU-100', warehouse: 'ams', available: 12 }, { sku: 'SKU-200', warehouse: 'ams', available: 3 }]);
const service = new ReservationService(stock);
console.log(JSON.stringify(service.reserveOrder({ id: 'o-1', lines: [{ sku: 'sku-100 ', qty: 2 }, { sku: 'SKU-200', qty: 1 }] })));
`,
  'package.json': pkg('inventory-service', { pino: '^8.15.0', uuid: '^9.0.0' }),
  [INV.keys]: `'use strict';

// @filler 2

function skuKey(sku) {
  return String(sku).trim().toUpperCase();
}

function warehouseKey(warehouse, sku) {
  return \`\${warehouse}:\${skuKey(sku)}\`;
}

// @filler 1

module.exports = { skuKey, warehouseKey };
`,
  [INV.repo]: `'use strict';
const { skuKey } = require('../util/keys');

// @filler 1

class StockRepository {
  constructor(rows) {
    this.levels = new Map();
    for (const row of rows) this.levels.set(skuKey(row.sku), { ...row });
  }

  reserve(sku, qty) {
    const available = this.levels.get(skuKey(sku)).available;
    if (available < qty) throw new Error(\`insufficient stock for \${sku}\`);
    const level = this.levels.get(skuKey(sku));
    level.available = available - qty;
    return { sku: level.sku, qty, left: level.available };
  }
}

// @filler 2

module.exports = { StockRepository };
`,
  [INV.service]: `'use strict';

// @filler 1

class ReservationService {
  constructor(repository) {
    this.repository = repository;
    this.log = [];
  }

  reserveLine(line) {
    const result = this.repository.reserve(line.sku, line.qty);
    this.log.push(result);
    return result;
  }

  reserveOrder(order) {
    const reserved = order.lines.map((line) => this.reserveLine(line));
    return { order: order.id, reserved };
  }
}

// @filler 2

module.exports = { ReservationService };
`,
  'test/reservation.test.js': `'use strict';
const assert = require('assert');
const { StockRepository } = require('../src/inventory/stockRepository');

const repo = new StockRepository([{ sku: 'A', available: 2 }]);
assert.strictEqual(repo.reserve('A', 1).left, 1);
`,
};

// ---- 2. user profiles (Python dataclasses): a constants file changed a default ----
const PROF = {
  constants: 'profiles/constants.py',
  models: 'profiles/models.py',
  store: 'profiles/store.py',
  render: 'profiles/render.py',
  api: 'profiles/api.py',
};
const profilesPy = {
  'main.py': 'import json\n\nfrom profiles.api import get_profile\n\nprint(json.dumps(get_profile("u-7")))\n',
  'profiles/__init__.py': '',
  'requirements.txt': 'flask==2.3.3\nmarshmallow==3.20.1\n',
  [PROF.constants]:
    'DEFAULT_LOCALE = "en-US"\nSUPPORTED_THEMES = ("light", "dark")\nDATE_FORMATS = {\n    "en-US": "%m/%d/%Y",\n    "en-GB": "%d/%m/%Y",\n    "de-DE": "%d.%m.%Y",\n}\nMAX_NAME_LENGTH = 80\n',
  [PROF.models]: `from dataclasses import dataclass, field
from typing import Optional

from profiles.constants import DEFAULT_LOCALE


@dataclass
class Profile:
    user_id: str
    display_name: str
    locale: Optional[str] = None
    joined: str = "2024-01-01"
    tags: list = field(default_factory=list)

    def effective_locale(self):
        return self.locale or DEFAULT_LOCALE


# @filler 2
`,
  [PROF.store]: `from profiles.models import Profile

# @filler 2

ROWS = {
    "u-1": {"name": "Ada", "locale": "en-GB", "joined": "2023-04-02"},
    "u-7": {"name": "Grace", "locale": None, "joined": "2024-02-11"},
}


def load_profile(user_id):
    row = ROWS[user_id]
    return Profile(user_id=user_id, display_name=row["name"], locale=row["locale"], joined=row["joined"])


# @filler 1
`,
  [PROF.render]: `from datetime import datetime

from profiles.constants import DATE_FORMATS, MAX_NAME_LENGTH

# @filler 2


def joined_label(profile):
    fmt = DATE_FORMATS[profile.effective_locale()]
    return datetime.strptime(profile.joined, "%Y-%m-%d").strftime(fmt)


def render(profile):
    return {
        "id": profile.user_id,
        "name": profile.display_name[:MAX_NAME_LENGTH],
        "joined": joined_label(profile),
    }


# @filler 1
`,
  [PROF.api]: `from profiles.render import render
from profiles.store import load_profile

# @filler 1


def get_profile(user_id):
    profile = load_profile(user_id)
    return {"status": 200, "body": render(profile)}
`,
};

// ---- 3. CSV import job (Python) crashing inside a site-packages library ----
const CSV = { importer: 'jobs/importer.py', schema: 'jobs/schema.py' };
const rowkit = {
  '../venv/lib/python3.11/site-packages/rowkit/__init__.py': 'from rowkit.convert import convert_row, convert_value\n',
  '../venv/lib/python3.11/site-packages/rowkit/convert.py': `"""Typed conversion of CSV rows."""
from decimal import Decimal

CONVERTERS = {
    "int": int,
    "decimal": Decimal,
    "str": str,
}


def convert_value(value, kind):
    converter = CONVERTERS[kind]
    return converter(value.strip())


def convert_row(row, schema):
    return {name: convert_value(row.get(column), kind) for name, (column, kind) in schema.items()}
`,
};
const csvPy = {
  'main.py':
    "import json\n\nfrom jobs.importer import import_batch\n\nTEXT = 'SKU,Quantity,Unit Price\\nA-1,2,3.50\\nB-7,1,12.00\\n'\nprint(json.dumps([str(r) for r in import_batch(TEXT)]))\n",
  'jobs/__init__.py': '',
  'requirements.txt': 'rowkit==1.4.2\nrequests==2.31.0\n',
  [CSV.schema]:
    "SCHEMA = {\n    'sku': ('SKU', 'str'),\n    'quantity': ('Quantity', 'int'),\n    'unit_price': ('Unit Price', 'decimal'),\n}\n",
  [CSV.importer]: `import csv
import io

from rowkit import convert_row

from jobs.schema import SCHEMA

# @filler 2


def read_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def import_batch(text):
    rows = read_rows(text)
    records = []
    for row in rows:
        records.append( convert_row(row,SCHEMA) )
    return records


# @filler 1
`,
  'tests/test_importer.py':
    "from jobs.importer import import_batch\n\n\ndef test_one_row():\n    assert len(import_batch('SKU,Quantity,Unit Price\\nA,1,1.0\\n')) == 1\n",
};

// ---- 4. payment webhooks (JS classes, async) crashing inside node_modules, via @sentry/node ----
const HOOK = { controller: 'src/webhooks/webhookController.js', events: 'src/webhooks/paymentEvents.js' };
const sigVerify = {
  'node_modules/sig-verify/package.json': '{ "name": "sig-verify", "version": "2.1.0", "main": "index.js" }\n',
  'node_modules/sig-verify/index.js': `'use strict';
const crypto = require('crypto');

function parseHeader(header) {
  const parts = {};
  for (const piece of header.split(',')) {
    const [k, v] = piece.split('=');
    parts[k] = v;
  }
  return parts;
}

function verify(payload, header, secret) {
  const { t, v1 } = parseHeader(header);
  const expected = crypto.createHmac('sha256', secret).update(\`\${t}.\${payload}\`).digest('hex');
  return expected === v1;
}

module.exports = { verify, parseHeader };
`,
};
const webhookJs = {
  'main.js': `'use strict';
const crypto = require('crypto');
const { WebhookController } = require('./src/webhooks/webhookController');

Error.stackTraceLimit = 50;
const secret = 'whsec_test';
const body = JSON.stringify({ type: 'payment.succeeded', data: { id: 'pay_1', amount: 1250 } });
const t = 1700000000;
const sig = crypto.createHmac('sha256', secret).update(\`\${t}.\${body}\`).digest('hex');
const request = { headers: { 'x-pay-signature': \`t=\${t},v1=\${sig}\` }, body };

async function main() {
  const result = await new WebhookController(secret).handle(request);
  console.log(JSON.stringify(result));
}

main();
`,
  'package.json': pkg('payment-webhooks', { 'sig-verify': '^2.1.0', express: '^4.18.2' }),
  [HOOK.controller]: `'use strict';
const { verify } = require('sig-verify');
const { PaymentEvents } = require('./paymentEvents');

// @filler 1

class WebhookController {
  constructor(secret) {
    this.secret = secret;
    this.events = new PaymentEvents();
  }

  signatureOf(request) {
    return request.headers['x-pay-signature'];
  }

  async handle(request) {
    const body = await readBody(request);
    if (!verify(body, this.signatureOf(request), this.secret)) return { status: 400 };
    const event = JSON.parse(body);
    await this.events.apply(event);
    return { status: 200 };
  }
}

async function readBody(request) {
  return request.body;
}

// @filler 1

module.exports = { WebhookController };
`,
  [HOOK.events]: `'use strict';

// @filler 2

class PaymentEvents {
  constructor() {
    this.applied = [];
  }

  async apply(event) {
    if (event.type === 'payment.succeeded') this.applied.push(event.data.id);
    return this.applied.length;
  }
}

// @filler 1

module.exports = { PaymentEvents };
`,
};

// ---- 5. billing (Java streams and Optionals), wrapped in a different exception type ----
const BILL_DIR = 'src/main/java/com/acme/billing';
const BILL = {
  repo: `${BILL_DIR}/AccountRepository.java`,
  builder: `${BILL_DIR}/InvoiceBuilder.java`,
  job: `${BILL_DIR}/InvoiceJob.java`,
};
const billingJava = {
  'pom.xml':
    '<project>\n  <groupId>com.acme</groupId>\n  <artifactId>billing</artifactId>\n  <version>1.0.0</version>\n  <dependencies>\n    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.7</version></dependency>\n  </dependencies>\n</project>\n',
  [`${BILL_DIR}/App.java`]:
    'package com.acme.billing;\n\nimport java.util.List;\n\npublic class App {\n    public static void main(String[] args) {\n        InvoiceJob job = new InvoiceJob(new InvoiceBuilder(new AccountRepository()));\n        System.out.println(job.run(List.of("acc-1", "acc-2")));\n    }\n}\n',
  [`${BILL_DIR}/Account.java`]:
    'package com.acme.billing;\n\npublic record Account(String id, String owner, String status, double balance) {}\n',
  [`${BILL_DIR}/Invoice.java`]:
    'package com.acme.billing;\n\npublic record Invoice(String account, String owner, double due) {}\n',
  [`${BILL_DIR}/BillingException.java`]:
    'package com.acme.billing;\n\npublic class BillingException extends RuntimeException {\n    public BillingException(String message, Throwable cause) {\n        super(message, cause);\n    }\n}\n',
  [BILL.repo]: `package com.acme.billing;

import java.util.List;
import java.util.Optional;

public class AccountRepository {
    private final List<Account> accounts = List.of(
        new Account("acc-1", "Ada", "ACTIVE", 120.0),
        new Account("acc-2", "Grace", "ACTIVE", 80.5),
        new Account("acc-3", "Linus", "CLOSED", 0.0));

    // @filler 2

    public Optional<Account> findActive(String id) {
        return accounts.stream()
            .filter(a -> a.id().equals(id))
            .filter(a -> a.status().equals("ACTIVE"))
            .findFirst();
    }
}
`,
  [BILL.builder]: `package com.acme.billing;

public class InvoiceBuilder {
    private final AccountRepository accounts;

    InvoiceBuilder(AccountRepository accounts) {
        this.accounts = accounts;
    }

    // @filler 1

    public Invoice build(String accountId) {
        Account account = accounts.findActive(accountId).orElseThrow();
        double due = Math.round(account.balance() * 1.2 * 100) / 100.0;
        return new Invoice(account.id(), account.owner(), due);
    }
}
`,
  [BILL.job]: `package com.acme.billing;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

public class InvoiceJob {
    private final InvoiceBuilder builder;

    InvoiceJob(InvoiceBuilder builder) {
        this.builder = builder;
    }

    // @filler 1

    public List<Invoice> run(List<String> ids) {
        try {
            return ids.stream().map(builder::build).collect(Collectors.toList());
        } catch (NoSuchElementException e) {
            throw new BillingException("invoice run failed for " + ids, e);
        }
    }
}
`,
};

// ---- 6. profile API in TypeScript, async, run from a minified esbuild bundle ----
const TSP = { api: 'src/api/profiles.ts', users: 'src/store/users.ts', view: 'src/view/profileView.ts' };
const profilesTs = {
  'src/main.ts':
    "import { getProfile } from './api/profiles';\n\nasync function main(): Promise<void> {\n  const view = await getProfile('u-42');\n  console.log(JSON.stringify(view));\n}\n\nmain();\n",
  'package.json': pkg('profile-api', { zod: '^3.22.2' }),
  [TSP.api]: `import { loadUser } from '../store/users';
import { toView, type ProfileView } from '../view/profileView';

// @filler 1

export async function getProfile(id: string): Promise<ProfileView> {
  const user = await loadUser(id);
  return toView(user);
}
`,
  [TSP.users]: `export interface User {
  id: string;
  name: string;
  preferences?: { theme: string; language: string };
}

const TABLE: Record<string, User> = {
  'u-42': { id: 'u-42', name: 'Grace ', preferences: { theme: 'dark', language: 'en' } },
  'u-7': { id: 'u-7', name: 'Ada', preferences: { theme: 'light', language: 'en' } },
};

// @filler 2

export async function loadUser(id: string): Promise<User> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  const row = TABLE[id];
  return { ...row };
}
`,
  [TSP.view]: `import type { User } from '../store/users';

export interface ProfileView {
  id: string;
  title: string;
  theme: string;
}

// @filler 1

export function toView(user: User): ProfileView {
  const title = user.name.trim();
  const theme = user.preferences!.theme.toUpperCase();
  return { id: user.id, title, theme };
}
`,
};

// ---- 7. payment webhook (Python): KeyError re-raised as another type (implicit chaining) ----
const PAY = { events: 'payments/events.py', webhook: 'payments/webhook.py', ledger: 'payments/ledger.py' };
const paymentsPy = {
  'main.py': `import json

from payments.webhook import handle_webhook

RAW = json.dumps({"type": "payment_intent.succeeded", "data": {"object": {"id": "pi_1", "amount": 1250, "currency": "eur"}}})
print(json.dumps(handle_webhook(RAW)))
`,
  'payments/__init__.py': '',
  'requirements.txt': 'stripe==7.1.0\nfastapi==0.103.1\n',
  [PAY.events]: `from dataclasses import dataclass

# @filler 1


@dataclass
class PaymentEvent:
    kind: str
    payment_id: str
    amount: int
    currency: str


def parse_event(body):
    obj = body["data"]["object"]
    amount = obj["amount"]
    currency = obj["currency"].upper()
    return PaymentEvent(kind=body["type"], payment_id=obj["id"], amount=amount, currency=currency)


# @filler 2
`,
  [PAY.webhook]: `import json

from payments.events import parse_event
from payments.ledger import record


class WebhookError(Exception):
    pass


# @filler 1


def handle_webhook(raw):
    body = json.loads(raw)
    try:
        event = parse_event(body)
    except KeyError as missing:
        raise WebhookError(f"malformed event: missing {missing}")
    return record(event)
`,
  [PAY.ledger]: `ENTRIES = []

# @filler 1


def record(event):
    ENTRIES.append((event.payment_id, event.amount, event.currency))
    return {"recorded": event.payment_id, "entries": len(ENTRIES)}
`,
  'tests/test_events.py':
    'from payments.events import parse_event\n\n\ndef test_amount():\n    body = {"type": "t", "data": {"object": {"id": "x", "amount": 5, "currency": "eur"}}}\n    assert parse_event(body).amount == 5\n',
};

// ---- 8. CSV import (JS callbacks and closures): a JSON config file changed ----
const IMP = { job: 'src/jobs/csvImport.js', dates: 'src/lib/dates.js', config: 'config/import.json' };
const importJs = {
  'main.js': `'use strict';
const path = require('path');
const { importFile } = require('./src/jobs/csvImport');

Error.stackTraceLimit = 50;
importFile(path.join(__dirname, 'data/sample.csv'), (err, records) => {
  if (err) throw err;
  console.log(JSON.stringify(records));
});
`,
  'data/sample.csv': 'created_at,amount,currency\n2025-01-02,12.5,EUR\n2025-01-03,7.25,EUR\n',
  'package.json': pkg('csv-import', { 'csv-parse': '^5.5.0' }),
  [IMP.config]:
    '{\n  "delimiter": ",",\n  "dateColumn": "created_at",\n  "amountColumn": "amount",\n  "skipEmpty": true\n}\n',
  [IMP.job]: `'use strict';
const fs = require('fs');
const config = require('../../config/import.json');
const { parseDate } = require('../lib/dates');

// @filler 1

function importFile(file, done) {
  fs.readFile(file, 'utf8', (err, text) => {
    if (err) return done(err);
    const lines = text.trim().split('\\n');
    const header = lines.shift().split(config.delimiter);
    const records = [];
    lines.forEach((line) => {
      const cells = line.split(config.delimiter);
      const row = Object.fromEntries(header.map((name, i) => [name, cells[i]]));
      records.push({ date: parseDate(row[config.dateColumn]), amount: Number(row[config.amountColumn]) });
    });
    done(null, records);
  });
}

// @filler 1

module.exports = { importFile };
`,
  [IMP.dates]: `'use strict';

// @filler 1

function parseDate(value) {
  const [year, month, day] = value.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).toISOString();
}

// @filler 1

module.exports = { parseDate };
`,
};

// ---- 9. restocking (Java): a constants class changed; a rename touched the crashing frame ----
const INVJ_DIR = 'src/main/java/com/acme/inventory';
const INVJ = {
  limits: `${INVJ_DIR}/Limits.java`,
  planner: `${INVJ_DIR}/BatchPlanner.java`,
  job: `${INVJ_DIR}/RestockJob.java`,
};
const restockJava = {
  'pom.xml':
    '<project>\n  <artifactId>inventory</artifactId>\n  <dependencies>\n    <dependency><artifactId>guava</artifactId><version>32.1.2-jre</version></dependency>\n  </dependencies>\n</project>\n',
  [`${INVJ_DIR}/App.java`]:
    'package com.acme.inventory;\n\nimport java.util.List;\n\npublic class App {\n    public static void main(String[] args) {\n        System.out.println(new RestockJob().run(List.of("A-1", "A-2", "B-7", "C-3")));\n    }\n}\n',
  [INVJ.limits]:
    'package com.acme.inventory;\n\npublic final class Limits {\n    public static final int MAX_BATCH = 50;\n    public static final int WORKERS = 4;\n    public static final int RESERVE_TIMEOUT_MS = 2000;\n\n    private Limits() {}\n}\n',
  [INVJ.planner]: `package com.acme.inventory;

import java.util.ArrayList;
import java.util.List;

public class BatchPlanner {
    // @filler 2

    static List<List<String>> plan(List<String> skus, int perBatch) {
        int batches = (skus.size() + perBatch - 1) / perBatch;
        List<List<String>> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            out.add(skus.subList(b * perBatch, Math.min(skus.size(), (b + 1) * perBatch)));
        }
        return out;
    }
}
`,
  [INVJ.job]: `package com.acme.inventory;

import java.util.List;

public class RestockJob {
    // @filler 1

    public String run(List<String> skus) {
        List<List<String>> batches = BatchPlanner.plan(skus, Limits.MAX_BATCH / Limits.WORKERS);
        return batches.size() + " batches for " + skus.size() + " skus";
    }
}
`,
  [`src/test/java/com/acme/inventory/BatchPlannerTest.java`]:
    'package com.acme.inventory;\n\nimport java.util.List;\n\nclass BatchPlannerTest {\n    static void planSplits() {\n        assert BatchPlanner.plan(List.of("a", "b", "c"), 2).size() == 2;\n    }\n}\n',
};

// ---- 10. profile presenter (JS classes) through @sentry/node; the file was then reformatted ----
const PRES = { presenter: 'src/profiles/profilePresenter.js', store: 'src/profiles/userStore.js' };
const presenterJs = {
  'main.js':
    "'use strict';\nconst { ProfilePresenter } = require('./src/profiles/profilePresenter');\nconst { UserStore } = require('./src/profiles/userStore');\n\nconsole.log(JSON.stringify(new ProfilePresenter(new UserStore()).present('u-9')));\n",
  'package.json': pkg('profile-presenter', { 'lru-cache': '^10.0.1' }),
  [PRES.store]: `'use strict';

// @filler 1

class UserStore {
  constructor() {
    this.users = new Map([
      ['u-1', { id: 'u-1', name: 'Ada', avatar: { url: '/a/u-1.png' } }],
      ['u-9', { id: 'u-9', name: 'Ken' }],
    ]);
  }

  byId(id) {
    const user = this.users.get(id);
    if (!user) throw new Error(\`no user \${id}\`);
    return user;
  }
}

// @filler 1

module.exports = { UserStore };
`,
  [PRES.presenter]: `'use strict';

// @filler 1

class ProfilePresenter {
  constructor(store) {
    this.store = store;
  }

  present(id) {
    const user = this.store.byId(id);
    return { id: user.id, name: user.name, avatar: this.avatarOf(user) };
  }

  avatarOf(user) {
    return user.avatar ? user.avatar.url : '/static/avatar.png';
  }
}

// @filler 2

module.exports = { ProfilePresenter };
`,
};

// ---- 11. warehouse allocation (Python dicts and closures): bug on a merged feature branch ----
const ALLOC = {
  allocation: 'inventory/allocation.py',
  warehouses: 'inventory/warehouses.py',
  service: 'inventory/service.py',
};
const allocationPy = {
  'main.py':
    'import json\n\nfrom inventory.service import reserve\n\nprint(json.dumps(reserve({"id": "o-9", "sku": "TEA-1", "qty": 6, "region": "eu"})))\n',
  'inventory/__init__.py': '',
  [ALLOC.warehouses]: `WAREHOUSES = [
    {"id": "ams-1", "region": "eu", "priority": 1, "stock": 4},
    {"id": "fra-2", "region": "eu", "priority": 2, "stock": 10},
    {"id": "nyc-1", "region": "us", "priority": 1, "stock": 7},
]

# @filler 1


def load_warehouses(region=None):
    rows = [dict(w) for w in WAREHOUSES]
    return rows
`,
  [ALLOC.allocation]: `# @filler 1


def rank_warehouses(warehouses, region):
    def score(w):
        distance = 0 if w["region"] == region else 1
        return (distance, w["priority"], -w["stock"])

    return sorted(warehouses, key=score)


def allocate(order, warehouses):
    plan = []
    remaining = order["qty"]
    for w in rank_warehouses(warehouses, order["region"]):
        take = min(remaining, w["stock"])
        if take:
            plan.append({"warehouse": w["id"], "qty": take})
            remaining -= take
    if remaining:
        raise ValueError(f"cannot allocate {remaining} of {order['sku']}")
    return plan


# @filler 1
`,
  [ALLOC.service]: `from inventory.allocation import allocate
from inventory.warehouses import load_warehouses

# @filler 1


def reserve(order):
    warehouses = load_warehouses(order["region"])
    return {"order": order["id"], "plan": allocate(order, warehouses)}
`,
};

// ---- 12. profile emails (Java records): helpful NPE; the mapper that returned changed ----
const PJ_DIR = 'src/main/java/com/acme/profile';
const PJ = {
  mapper: `${PJ_DIR}/UserMapper.java`,
  policy: `${PJ_DIR}/EmailPolicy.java`,
  service: `${PJ_DIR}/ProfileService.java`,
};
const profileJava = {
  [`${PJ_DIR}/App.java`]:
    'package com.acme.profile;\n\npublic class App {\n    public static void main(String[] args) {\n        System.out.println(new ProfileService().load("u1"));\n    }\n}\n',
  [`${PJ_DIR}/User.java`]: 'package com.acme.profile;\n\npublic record User(String id, String name, String email) {}\n',
  [PJ.mapper]: `package com.acme.profile;

import java.util.Map;

public final class UserMapper {
    private UserMapper() {}

    // @filler 1

    static User fromRow(Map<String, String> row) {
        String email = row.containsKey("email_address") ? row.get("email_address") : row.get("email");
        return new User(row.get("id"), row.get("name"), email);
    }
}
`,
  [PJ.policy]: `package com.acme.profile;

public final class EmailPolicy {
    private EmailPolicy() {}

    // @filler 2

    static String normalise(User user) {
        String email = user.email().trim().toLowerCase();
        return email.endsWith("@acme.example") ? email : email.replace("+", "");
    }
}
`,
  [PJ.service]: `package com.acme.profile;

import java.util.List;
import java.util.Map;

public class ProfileService {
    private final List<Map<String, String>> rows = List.of(
        Map.of("id", "u1", "name", "Ada", "email_address", " Ada@Acme.example"));

    // @filler 1

    Map<String, String> load(String id) {
        Map<String, String> row = rows.stream().filter(r -> r.get("id").equals(id)).findFirst().orElseThrow();
        User user = UserMapper.fromRow(row);
        return Map.of("id", user.id(), "email", EmailPolicy.normalise(user));
    }
}
`,
};

// ---- 13. reservations (JS async/await, Promise.all): a helper's default changed ----
const RES = {
  retry: 'src/lib/retry.js',
  reserver: 'src/reservations/reserver.js',
  client: 'src/reservations/holdClient.js',
};
const reserverJs = {
  'main.js': `'use strict';
const { Reserver } = require('./src/reservations/reserver');
const { HoldClient } = require('./src/reservations/holdClient');

Error.stackTraceLimit = 50;
new Reserver(new HoldClient()).reserveAll({ id: 'o-3', lines: [{ sku: 'tea', qty: 1 }, { sku: 'mug', qty: 2 }] }).then((r) => console.log(JSON.stringify(r)));
`,
  'package.json': pkg('reservations', { undici: '^5.23.0', pino: '^8.15.0' }),
  [RES.retry]: `'use strict';

// @filler 1

async function withRetry(fn, options = { attempts: 3 }) {
  let lastError;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      lastError = err;
    }
  }
  if (lastError) throw lastError;
}

// @filler 1

module.exports = { withRetry };
`,
  [RES.client]: `'use strict';

// @filler 1

class HoldClient {
  async hold(line) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { id: \`h-\${line.sku}\`, sku: line.sku, qty: line.qty };
  }
}

module.exports = { HoldClient };
`,
  [RES.reserver]: `'use strict';
const { withRetry } = require('../lib/retry');

// @filler 1

class Reserver {
  constructor(client) {
    this.client = client;
  }

  async reserveLine(line) {
    const hold = await withRetry(() => this.client.hold(line));
    return { sku: line.sku, holdId: hold.id };
  }

  async reserveAll(order) {
    const lines = await Promise.all(order.lines.map((line) => this.reserveLine(line)));
    return { order: order.id, lines };
  }
}

// @filler 1

module.exports = { Reserver };
`,
  'test/retry.test.js':
    "'use strict';\nconst assert = require('assert');\nconst { withRetry } = require('../src/lib/retry');\n\nwithRetry(async () => 1).then((v) => assert.strictEqual(v, 1));\n",
};

export const scenarios = [
  {
    name: 'ho-js-inventory-helper-key',
    bugClass: 'key-normalisation-change',
    heldOut: true,
    lang: 'js',
    cases: ['helper-not-in-stack', 'rename', 'deps-bump', 'tests-only', 'same-day'],
    gitignore: NODE_IGNORE,
    files: inventoryJs,
    range: [
      { msg: 'Bump pino from 8.15.0 to 8.16.1', edit: [['package.json', '"pino": "^8.15.0"', '"pino": "^8.16.1"']] },
      {
        msg: 'Rename reserveLine to reserveOrderLine',
        edit: [
          [INV.service, '  reserveLine(line) {', '  reserveOrderLine(line) {'],
          [
            INV.service,
            'order.lines.map((line) => this.reserveLine(line))',
            'order.lines.map((line) => this.reserveOrderLine(line))',
          ],
        ],
      },
      {
        msg: 'Stock: clearer shortage message',
        author: 2,
        edit: [
          [
            INV.repo,
            'throw new Error(`insufficient stock for ${sku}`);',
            'throw new Error(`not enough stock for ${sku}: ${available} left`);',
          ],
        ],
      },
      {
        msg: 'Keys: SKUs arrive trimmed from the gateway',
        bug: true,
        author: 2,
        gapMinutes: SAME_DAY,
        edit: [[INV.keys, '  return String(sku).trim().toUpperCase();', '  return String(sku).toUpperCase();']],
      },
      {
        msg: 'Test reservations of the last unit',
        author: 2,
        gapMinutes: SAME_DAY,
        edit: [
          [
            'test/reservation.test.js',
            "assert.strictEqual(repo.reserve('A', 1).left, 1);\n",
            "assert.strictEqual(repo.reserve('A', 1).left, 1);\nassert.strictEqual(repo.reserve('a', 1).left, 0);\n",
          ],
        ],
      },
      {
        msg: 'Keys: warehouse keys in lower case',
        author: 2,
        gapMinutes: SAME_DAY,
        edit: [
          [
            INV.keys,
            '  return `${warehouse}:${skuKey(sku)}`;',
            '  return `${warehouse.toLowerCase()}:${skuKey(sku)}`;',
          ],
        ],
      },
      {
        msg: 'Stock: copy rows defensively',
        edit: [
          [
            INV.repo,
            'this.levels.set(skuKey(row.sku), { ...row });',
            'this.levels.set(skuKey(row.sku), structuredClone(row));',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Stock: doc',
        edit: [[INV.repo, 'class StockRepository {', '/** Stock levels per SKU. */\nclass StockRepository {']],
      },
    ],
  },
  {
    name: 'ho-py-profile-locale-constant',
    bugClass: 'config-flag-default',
    heldOut: true,
    lang: 'py',
    cases: ['config-constant', 'merge', 'same-day'],
    gitignore: PY_IGNORE,
    files: profilesPy,
    tags: ['v2.6.0', 'v2.7.0'],
    range: [
      {
        msg: 'Constants: allow longer names',
        edit: [[PROF.constants, 'MAX_NAME_LENGTH = 80', 'MAX_NAME_LENGTH = 120']],
      },
      {
        msg: 'French dates',
        branch: 'feature/fr-locale',
        author: 3,
        edit: [[PROF.constants, '    "de-DE": "%d.%m.%Y",\n', '    "de-DE": "%d.%m.%Y",\n    "fr-FR": "%d/%m/%Y",\n']],
      },
      {
        msg: 'Render: joined date with a fallback format',
        branch: 'feature/fr-locale',
        author: 3,
        edit: [
          [
            PROF.render,
            '    return datetime.strptime(profile.joined, "%Y-%m-%d").strftime(fmt)',
            '    joined = datetime.strptime(profile.joined, "%Y-%m-%d")\n    return joined.strftime(fmt or "%Y-%m-%d")',
          ],
        ],
      },
      {
        msg: 'Constants: default locale is a bare language tag',
        bug: true,
        author: 1,
        edit: [[PROF.constants, 'DEFAULT_LOCALE = "en-US"', 'DEFAULT_LOCALE = "en"']],
      },
      {
        msg: 'Bump marshmallow to 3.20.2',
        author: 1,
        gapMinutes: SAME_DAY,
        edit: [['requirements.txt', 'marshmallow==3.20.1', 'marshmallow==3.20.2']],
      },
      {
        msg: 'Models: tags default to an empty tuple',
        author: 1,
        gapMinutes: SAME_DAY,
        edit: [
          [
            PROF.models,
            '    def effective_locale(self):\n        return self.locale or DEFAULT_LOCALE',
            '    def effective_locale(self):\n        return (self.locale or DEFAULT_LOCALE).strip()',
          ],
        ],
      },
      { msg: "Merge branch 'feature/fr-locale'", merge: 'feature/fr-locale', author: 3 },
      {
        msg: 'Store: strip names',
        edit: [[PROF.store, 'display_name=row["name"]', 'display_name=row["name"].strip()']],
      },
    ],
    post: [
      {
        msg: 'Render: docstring',
        edit: [
          [
            PROF.render,
            'def joined_label(profile):\n',
            'def joined_label(profile):\n    """The join date in the profile\'s locale."""\n',
          ],
        ],
      },
    ],
  },
  {
    name: 'ho-py-csv-site-packages-reformatted',
    bugClass: 'key-normalisation-change',
    heldOut: true,
    lang: 'py',
    cases: ['library-frame', 'reformatted', 'deps-bump', 'tests-only'],
    gitignore: PY_IGNORE,
    vendor: rowkit,
    files: csvPy,
    range: [
      { msg: 'Bump rowkit to 1.5.0', edit: [['requirements.txt', 'rowkit==1.4.2', 'rowkit==1.5.0']] },
      {
        msg: 'Import: header names are case-insensitive',
        bug: true,
        author: 4,
        edit: [
          [
            CSV.importer,
            '    return list(csv.DictReader(io.StringIO(text)))',
            '    return [{key.strip().lower(): value for key, value in row.items()} for row in csv.DictReader(io.StringIO(text), skipinitialspace=True)]',
          ],
        ],
      },
      {
        msg: 'Import: skip blank rows',
        edit: [
          [
            CSV.importer,
            '    for row in rows:\n',
            '    for row in rows:\n        if not any(row.values()):\n            continue\n',
          ],
        ],
      },
      {
        msg: 'Tests: blank rows',
        edit: [
          [
            'tests/test_importer.py',
            "    assert len(import_batch('SKU,Quantity,Unit Price\\nA,1,1.0\\n')) == 1\n",
            "    assert len(import_batch('SKU,Quantity,Unit Price\\nA,1,1.0\\n')) == 1\n\n\ndef test_blank_rows():\n    assert import_batch('SKU,Quantity,Unit Price\\n,,\\n') == []\n",
          ],
        ],
      },
      {
        msg: 'Format with black',
        author: 0,
        edit: [
          [
            CSV.importer,
            '    return [{key.strip().lower(): value for key, value in row.items()} for row in csv.DictReader(io.StringIO(text), skipinitialspace=True)]',
            '    return [\n        {key.strip().lower(): value for key, value in row.items()}\n        for row in csv.DictReader(io.StringIO(text), skipinitialspace=True)\n    ]',
          ],
          [CSV.importer, 'records.append( convert_row(row,SCHEMA) )', 'records.append(convert_row(row, SCHEMA))'],
          [CSV.schema, "    'sku': ('SKU', 'str'),", '    "sku": ("SKU", "str"),'],
          [CSV.schema, "    'quantity': ('Quantity', 'int'),", '    "quantity": ("Quantity", "int"),'],
          [CSV.schema, "    'unit_price': ('Unit Price', 'decimal'),", '    "unit_price": ("Unit Price", "decimal"),'],
        ],
      },
      {
        msg: 'Schema: quantities are decimals',
        edit: [[CSV.schema, '("Quantity", "int")', '("Quantity", "decimal")']],
      },
    ],
    post: [
      {
        msg: 'Import: docstring',
        edit: [
          [
            CSV.importer,
            'def import_batch(text):\n',
            'def import_batch(text):\n    """Typed records of one CSV batch."""\n',
          ],
        ],
      },
    ],
  },
  {
    name: 'ho-js-sentry-webhook-node-modules',
    bugClass: 'key-normalisation-change',
    heldOut: true,
    lang: 'js',
    capture: 'sentry',
    cases: ['library-frame', 'async', 'deps-bump', 'revert'],
    gitignore: NODE_IGNORE,
    vendor: sigVerify,
    files: webhookJs,
    range: [
      {
        msg: 'Webhooks: count applied events',
        edit: [[HOOK.events, '    return this.applied.length;', '    return { applied: this.applied.length };']],
      },
      {
        msg: 'Webhooks: reject empty bodies',
        edit: [
          [
            HOOK.controller,
            '    const body = await readBody(request);\n',
            "    const body = await readBody(request);\n    if (!body) return { status: 400, error: 'empty body' };\n",
          ],
        ],
      },
      {
        msg: 'Bump sig-verify from 2.1.0 to 2.2.0',
        edit: [['package.json', '"sig-verify": "^2.1.0"', '"sig-verify": "^2.2.0"']],
      },
      {
        msg: 'Webhooks: signature header as documented by the provider',
        bug: true,
        edit: [
          [
            HOOK.controller,
            "    return request.headers['x-pay-signature'];",
            "    return request.headers['X-Pay-Signature'];",
          ],
        ],
      },
      {
        msg: 'Webhooks: parse the body once',
        edit: [
          [
            HOOK.controller,
            '    const event = JSON.parse(body);',
            "    const event = typeof body === 'string' ? JSON.parse(body) : body;",
          ],
        ],
      },
      { msg: 'Revert "Webhooks: count applied events"', revert: 'Webhooks: count applied events' },
    ],
    post: [
      {
        msg: 'Webhooks: doc',
        edit: [
          [
            HOOK.controller,
            'class WebhookController {',
            '/** Verifies and applies payment provider callbacks. */\nclass WebhookController {',
          ],
        ],
      },
    ],
  },
  {
    name: 'ho-java-optional-wrapped-merge',
    bugClass: 'producer-returns-other-type',
    heldOut: true,
    lang: 'java',
    main: 'com.acme.billing.App',
    cases: ['wrapped-different-type', 'helper-not-in-stack', 'merge', 'library-frame', 'rename'],
    gitignore: JAVA_IGNORE,
    files: billingJava,
    tags: ['v3.1.0', 'v3.2.0'],
    range: [
      {
        msg: 'Invoices: rename build to forAccount',
        author: 0,
        edit: [
          [
            BILL.builder,
            '    public Invoice build(String accountId) {',
            '    public Invoice forAccount(String accountId) {',
          ],
          [BILL.job, 'ids.stream().map(builder::build)', 'ids.stream().map(builder::forAccount)'],
        ],
      },
      {
        msg: 'Accounts: accounts in dunning are not billed',
        branch: 'feature/dunning',
        author: 3,
        bug: true,
        edit: [
          [
            BILL.repo,
            '            .filter(a -> a.status().equals("ACTIVE"))\n',
            '            .filter(a -> a.status().equals("ACTIVE"))\n            .filter(a -> a.balance() >= 100.0)\n',
          ],
        ],
      },
      {
        msg: 'Invoices: VAT at 21%',
        branch: 'feature/dunning',
        author: 3,
        edit: [[BILL.builder, 'account.balance() * 1.2 * 100', 'account.balance() * 1.21 * 100']],
      },
      {
        msg: 'Invoice job: say which accounts failed',
        author: 1,
        edit: [[BILL.job, '"invoice run failed for " + ids', '"invoice run failed for accounts " + ids']],
      },
      {
        msg: 'Bump slf4j-api to 2.0.9',
        author: 1,
        gapMinutes: SAME_DAY,
        edit: [['pom.xml', '<version>2.0.7</version>', '<version>2.0.9</version>']],
      },
      { msg: "Merge branch 'feature/dunning'", merge: 'feature/dunning', author: 3 },
    ],
    post: [
      {
        msg: 'Accounts: doc',
        edit: [
          [
            BILL.repo,
            '    public Optional<Account> findActive(',
            '    /** The active account with this id. */\n    public Optional<Account> findActive(',
          ],
        ],
      },
    ],
  },
  {
    name: 'ho-ts-bundle-profile-async',
    bugClass: 'producer-returns-other-type',
    heldOut: true,
    lang: 'js',
    capture: 'bundle',
    main: 'src/main.ts',
    cases: ['bundle', 'async', 'missing-code', 'reformatted', 'revert', 'deps-bump'],
    gitignore: NODE_IGNORE,
    files: profilesTs,
    range: [
      {
        msg: 'Profiles: cache views for a minute',
        edit: [
          [
            TSP.api,
            '  const user = await loadUser(id);\n',
            '  const user = await loadUser(id);\n  if (!user) throw new Error(`no user ${id}`);\n',
          ],
        ],
      },
      {
        msg: 'Users: read a slim projection for profile pages',
        bug: true,
        author: 2,
        edit: [[TSP.users, '  return { ...row };', '  return { id: row.id, name: row.name };']],
      },
      {
        msg: 'View: titles keep their case',
        author: 2,
        gapMinutes: SAME_DAY,
        edit: [[TSP.view, '  const title = user.name.trim();', '  const title = user.name.trim().normalize();']],
      },
      { msg: 'Bump zod from 3.22.2 to 3.22.4', edit: [['package.json', '"zod": "^3.22.2"', '"zod": "^3.22.4"']] },
      { msg: 'Style: four-space indentation in views', author: 0, reindent: [[TSP.view, 2, 4]] },
      { msg: 'Revert "Profiles: cache views for a minute"', revert: 'Profiles: cache views for a minute' },
    ],
    post: [
      {
        msg: 'Users: doc',
        edit: [[TSP.users, 'export async function loadUser(', '/** One user row. */\nexport async function loadUser(']],
      },
    ],
  },
  {
    name: 'ho-py-webhook-implicit-chain',
    bugClass: 'third-party-format-change',
    heldOut: true,
    lang: 'py',
    cases: ['wrapped-different-type', 'same-day', 'tests-only', 'deps-bump', 'multi-touch'],
    gitignore: PY_IGNORE,
    files: paymentsPy,
    range: [
      { msg: 'Bump stripe to 7.4.0', edit: [['requirements.txt', 'stripe==7.1.0', 'stripe==7.4.0']] },
      {
        msg: 'Events: API version 2024-06 reports amount_received',
        bug: true,
        author: 1,
        edit: [[PAY.events, '    amount = obj["amount"]', '    amount = obj["amount_received"]']],
      },
      {
        msg: 'Tests: amount_received',
        author: 1,
        gapMinutes: SAME_DAY,
        edit: [['tests/test_events.py', '"amount": 5', '"amount_received": 5']],
      },
      {
        msg: 'Events: currency codes stay as sent',
        author: 1,
        gapMinutes: SAME_DAY,
        edit: [[PAY.events, '    currency = obj["currency"].upper()', '    currency = obj["currency"]']],
      },
      {
        msg: 'Webhook: include the event type in errors',
        author: 3,
        edit: [
          [
            PAY.webhook,
            '        raise WebhookError(f"malformed event: missing {missing}")',
            '        raise WebhookError(f"malformed {body.get(\'type\')} event: missing {missing}")',
          ],
        ],
      },
      {
        msg: 'Events: amounts are integers',
        author: 4,
        edit: [[PAY.events, '    amount = obj["amount_received"]', '    amount = int(obj["amount_received"])']],
      },
      {
        msg: 'Ledger: keep the currency upper case',
        edit: [
          [
            PAY.ledger,
            'ENTRIES.append((event.payment_id, event.amount, event.currency))',
            'ENTRIES.append((event.payment_id, event.amount, event.currency.upper()))',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Events: doc',
        edit: [
          [
            PAY.events,
            'def parse_event(body):\n',
            'def parse_event(body):\n    """A payment event from a provider callback body."""\n',
          ],
        ],
      },
    ],
  },
  {
    name: 'ho-js-callback-json-config',
    bugClass: 'config-flag-default',
    heldOut: true,
    lang: 'js',
    cases: ['config-constant', 'callbacks', 'multi-touch'],
    gitignore: NODE_IGNORE,
    files: importJs,
    range: [
      {
        msg: 'Dates: parse parts as base-10 integers',
        edit: [
          [
            IMP.dates,
            "  const [year, month, day] = value.split('-').map(Number);",
            "  const [year, month, day] = value.split('-').map((part) => Number.parseInt(part, 10));",
          ],
        ],
      },
      {
        msg: 'Config: columns follow the export format v2',
        bug: true,
        author: 3,
        edit: [[IMP.config, '"dateColumn": "created_at"', '"dateColumn": "createdAt"']],
      },
      {
        msg: 'Import: keep the currency',
        author: 3,
        gapMinutes: SAME_DAY,
        edit: [
          [
            IMP.job,
            'amount: Number(row[config.amountColumn]) });',
            'amount: Number(row[config.amountColumn]), currency: row.currency });',
          ],
        ],
      },
      {
        msg: 'Config: explicit encoding',
        edit: [[IMP.config, '  "skipEmpty": true\n', '  "skipEmpty": true,\n  "encoding": "utf8"\n']],
      },
      { msg: 'Bump csv-parse to 5.5.2', edit: [['package.json', '"csv-parse": "^5.5.0"', '"csv-parse": "^5.5.2"']] },
      {
        msg: 'Import: trim lines',
        edit: [
          [
            IMP.job,
            '      const cells = line.split(config.delimiter);',
            '      const cells = line.trim().split(config.delimiter);',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Dates: doc',
        edit: [
          [
            IMP.dates,
            'function parseDate(value) {',
            '/** YYYY-MM-DD to an ISO timestamp. */\nfunction parseDate(value) {',
          ],
        ],
      },
    ],
  },
  {
    name: 'ho-java-constants-divide',
    bugClass: 'config-flag-default',
    heldOut: true,
    lang: 'java',
    main: 'com.acme.inventory.App',
    cases: ['config-constant', 'rename', 'tests-only', 'deps-bump'],
    gitignore: JAVA_IGNORE,
    files: restockJava,
    range: [
      {
        msg: 'Limits: longer reservation timeout',
        edit: [[INVJ.limits, 'RESERVE_TIMEOUT_MS = 2000;', 'RESERVE_TIMEOUT_MS = 5000;']],
      },
      {
        msg: 'Restock: rename plan to partition',
        author: 2,
        edit: [
          [
            INVJ.planner,
            '    static List<List<String>> plan(List<String> skus, int perBatch) {',
            '    static List<List<String>> partition(List<String> skus, int perBatch) {',
          ],
          [INVJ.job, 'BatchPlanner.plan(skus,', 'BatchPlanner.partition(skus,'],
          ['src/test/java/com/acme/inventory/BatchPlannerTest.java', 'BatchPlanner.plan(', 'BatchPlanner.partition('],
        ],
      },
      {
        msg: 'Limits: restock with more workers',
        bug: true,
        author: 4,
        edit: [[INVJ.limits, 'WORKERS = 4;', 'WORKERS = 64;']],
      },
      {
        msg: 'Tests: partition of an empty list',
        author: 4,
        gapMinutes: SAME_DAY,
        edit: [
          [
            'src/test/java/com/acme/inventory/BatchPlannerTest.java',
            '        assert BatchPlanner.partition(List.of("a", "b", "c"), 2).size() == 2;\n',
            '        assert BatchPlanner.partition(List.of("a", "b", "c"), 2).size() == 2;\n        assert BatchPlanner.partition(List.of(), 2).isEmpty();\n',
          ],
        ],
      },
      { msg: 'Bump guava to 32.1.3', edit: [['pom.xml', '32.1.2-jre', '32.1.3-jre']] },
      {
        msg: 'Restock: report batches per worker',
        edit: [
          [
            INVJ.job,
            '        return batches.size() + " batches for " + skus.size() + " skus";',
            '        return batches.size() + " batches for " + skus.size() + " skus on " + Limits.WORKERS + " workers";',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Planner: doc',
        edit: [
          [
            INVJ.planner,
            '    static List<List<String>> partition(',
            '    /** Splits skus into batches of at most perBatch. */\n    static List<List<String>> partition(',
          ],
        ],
      },
    ],
  },
  {
    name: 'ho-js-sentry-presenter-reformatted',
    bugClass: 'null-field-production-data',
    heldOut: true,
    lang: 'js',
    capture: 'sentry',
    cases: ['reformatted', 'classes'],
    gitignore: NODE_IGNORE,
    files: presenterJs,
    range: [
      {
        msg: 'Profiles: avatars always carry a URL now',
        bug: true,
        author: 1,
        edit: [
          [
            PRES.presenter,
            "    return user.avatar ? user.avatar.url : '/static/avatar.png';",
            "    return user.avatar.url || '/static/avatar.png';",
          ],
        ],
      },
      {
        msg: 'Users: Ken joined',
        edit: [
          [
            PRES.store,
            "['u-9', { id: 'u-9', name: 'Ken' }],",
            "['u-9', { id: 'u-9', name: 'Ken', joined: '2024-03-01' }],",
          ],
        ],
      },
      {
        msg: 'Profiles: include the name only once',
        author: 2,
        edit: [
          [
            PRES.presenter,
            '    return { id: user.id, name: user.name, avatar: this.avatarOf(user) };',
            '    return { id: user.id, displayName: user.name, avatar: this.avatarOf(user) };',
          ],
        ],
      },
      { msg: 'Bump lru-cache to 10.0.2', edit: [['package.json', '"lru-cache": "^10.0.1"', '"lru-cache": "^10.0.2"']] },
      {
        msg: 'Style: prettier with double quotes',
        author: 0,
        replaceAll: [
          [PRES.presenter, "'", '"'],
          [PRES.store, "'", '"'],
        ],
      },
    ],
    post: [
      {
        msg: 'Profiles: doc',
        edit: [[PRES.presenter, 'class ProfilePresenter {', '/** Profile pages. */\nclass ProfilePresenter {']],
      },
    ],
  },
  {
    name: 'ho-py-allocation-branch-closure',
    bugClass: 'schema-field-renamed',
    heldOut: true,
    lang: 'py',
    cases: ['merge', 'helper-not-in-stack', 'closure'],
    gitignore: PY_IGNORE,
    files: allocationPy,
    tags: ['v0.9.0', 'v0.10.0'],
    range: [
      {
        msg: 'Warehouses: capacity instead of raw stock',
        branch: 'feature/capacity',
        bug: true,
        author: 2,
        edit: [
          [
            ALLOC.warehouses,
            '    rows = [dict(w) for w in WAREHOUSES]',
            '    rows = [{**{k: v for k, v in w.items() if k != "stock"}, "capacity": w["stock"]} for w in WAREHOUSES]',
          ],
        ],
      },
      {
        msg: 'Allocation: prefer the home region strongly',
        author: 4,
        edit: [
          [
            ALLOC.allocation,
            '        distance = 0 if w["region"] == region else 1',
            '        distance = 0 if w["region"] == region else 10',
          ],
        ],
      },
      {
        msg: 'Allocation: plan entries carry the sku',
        branch: 'feature/capacity',
        author: 2,
        edit: [
          [
            ALLOC.allocation,
            '            plan.append({"warehouse": w["id"], "qty": take})',
            '            plan.append({"warehouse": w["id"], "sku": order["sku"], "qty": take})',
          ],
        ],
      },
      {
        msg: 'Service: region is required',
        author: 4,
        gapMinutes: SAME_DAY,
        edit: [
          [
            ALLOC.service,
            '    warehouses = load_warehouses(order["region"])',
            '    warehouses = load_warehouses(order.get("region", "eu"))',
          ],
        ],
      },
      { msg: "Merge branch 'feature/capacity'", merge: 'feature/capacity', author: 2 },
      {
        msg: 'Allocation: stable tie-break on id',
        author: 0,
        edit: [
          [
            ALLOC.allocation,
            '        return (distance, w["priority"], -w["stock"])',
            '        return (distance, w["priority"], -w["stock"], w["id"])',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Allocation: doc',
        edit: [
          [
            ALLOC.allocation,
            'def allocate(order, warehouses):\n',
            'def allocate(order, warehouses):\n    """Takes stock from the best-ranked warehouses first."""\n',
          ],
        ],
      },
    ],
  },
  {
    name: 'ho-java-npe-mapper-rename',
    bugClass: 'removed-guard-off-stack',
    heldOut: true,
    lang: 'java',
    main: 'com.acme.profile.App',
    cases: ['helper-not-in-stack', 'rename', 'same-day', 'multi-touch'],
    gitignore: JAVA_IGNORE,
    files: profileJava,
    range: [
      {
        msg: 'EmailPolicy: locale-independent lower case',
        author: 1,
        edit: [
          [
            PJ.policy,
            '        String email = user.email().trim().toLowerCase();',
            '        String email = user.email().trim().toLowerCase(java.util.Locale.ROOT);',
          ],
        ],
      },
      {
        msg: 'UserMapper: the legacy email column is gone',
        bug: true,
        author: 3,
        edit: [
          [
            PJ.mapper,
            '        String email = row.containsKey("email_address") ? row.get("email_address") : row.get("email");',
            '        String email = row.get("email");',
          ],
        ],
      },
      {
        msg: 'Rename normalise to normalize',
        author: 3,
        gapMinutes: SAME_DAY,
        edit: [
          [PJ.policy, '    static String normalise(User user) {', '    static String normalize(User user) {'],
          [PJ.service, 'EmailPolicy.normalise(user)', 'EmailPolicy.normalize(user)'],
        ],
      },
      {
        msg: 'Profiles: look rows up by id once',
        edit: [
          [
            PJ.service,
            '        Map<String, String> row = rows.stream().filter(r -> r.get("id").equals(id)).findFirst().orElseThrow();',
            '        Map<String, String> row = rows.stream().filter(r -> id.equals(r.get("id"))).findFirst().orElseThrow();',
          ],
        ],
      },
      {
        msg: 'EmailPolicy: keep plus addresses inside the company',
        author: 1,
        edit: [
          [
            PJ.policy,
            '        return email.endsWith("@acme.example") ? email : email.replace("+", "");',
            '        return email.endsWith("@acme.example") || email.isEmpty() ? email : email.replace("+", "");',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'EmailPolicy: doc',
        edit: [
          [
            PJ.policy,
            '    static String normalize(',
            '    /** Lower case, no plus addressing outside the company. */\n    static String normalize(',
          ],
        ],
      },
    ],
  },
  {
    name: 'ho-js-async-retry-default',
    bugClass: 'removed-default-value',
    heldOut: true,
    lang: 'js',
    cases: ['helper-not-in-stack', 'async', 'tests-only', 'revert', 'deps-bump', 'multi-touch'],
    gitignore: NODE_IGNORE,
    files: reserverJs,
    range: [
      {
        msg: 'Reserver: log holds',
        edit: [
          [
            RES.reserver,
            '  async reserveAll(order) {\n',
            '  async reserveAll(order) {\n    if (process.env.DEBUG_HOLDS) console.error(`holding ${order.lines.length} lines`);\n',
          ],
        ],
      },
      { msg: 'Bump undici to 5.26.3', edit: [['package.json', '"undici": "^5.23.0"', '"undici": "^5.26.3"']] },
      {
        msg: 'Retry: attempts come from RETRY_ATTEMPTS',
        bug: true,
        author: 0,
        edit: [
          [
            RES.retry,
            'async function withRetry(fn, options = { attempts: 3 }) {',
            'async function withRetry(fn, options = { attempts: Number(process.env.RETRY_ATTEMPTS) }) {',
          ],
        ],
      },
      {
        msg: 'Tests: retry gives up after the last attempt',
        author: 0,
        gapMinutes: SAME_DAY,
        edit: [
          [
            'test/retry.test.js',
            'withRetry(async () => 1).then((v) => assert.strictEqual(v, 1));\n',
            "withRetry(async () => 1).then((v) => assert.strictEqual(v, 1));\nwithRetry(async () => { throw new Error('x'); }, { attempts: 2 }).catch((e) => assert.strictEqual(e.message, 'x'));\n",
          ],
        ],
      },
      {
        msg: 'Reserver: hold ids are namespaced by order line',
        author: 2,
        edit: [
          [
            RES.reserver,
            '    return { sku: line.sku, holdId: hold.id };',
            '    return { sku: line.sku, qty: line.qty, holdId: hold.id };',
          ],
        ],
      },
      { msg: 'Revert "Reserver: log holds"', revert: 'Reserver: log holds' },
      { msg: 'Bump pino to 8.16.0', edit: [['package.json', '"pino": "^8.15.0"', '"pino": "^8.16.0"']] },
    ],
    post: [
      {
        msg: 'Retry: doc',
        edit: [
          [
            RES.retry,
            'async function withRetry(',
            '/** Calls fn until it resolves, at most options.attempts times. */\nasync function withRetry(',
          ],
        ],
      },
    ],
  },
];

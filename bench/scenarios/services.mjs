// The three small services the scenario families start from: the same order pipeline in
// JavaScript, Python and Java (handler → service → pricing / format). `@filler N` lines become N
// real helper functions (bench/lib/scenarioRepo.mjs), which give files realistic sizes and give
// the history something to change. Each family copies a base and rewrites it through commits.

export const JS = {
  handler: 'src/api/orderHandler.js',
  customers: 'src/services/customers.js',
  orders: 'src/services/orderService.js',
  pricing: 'src/services/pricing.js',
  format: 'src/lib/format.js',
};

export const jsService = {
  'main.js': `'use strict';
const { handleOrder } = require('./src/api/orderHandler');

Error.stackTraceLimit = 50;
const request = { customerId: 'c42', items: [{ sku: 'book', price: 12.5, qty: 2 }, { sku: 'pen', price: 1.2, qty: 10 }], coupon: 'WELCOME' };
console.log(JSON.stringify(handleOrder(request)));
`,
  [JS.handler]: `'use strict';
const { placeOrder } = require('../services/orderService');
const { findCustomer } = require('../services/customers');

// @filler 2

function validate(request) {
  if (!Array.isArray(request.items)) throw new Error('items must be a list');
  return request;
}

function handleOrder(request) {
  const valid = validate(request);
  const customer = findCustomer(valid.customerId);
  const order = placeOrder(customer, valid.items, valid.coupon);
  return { status: 201, order };
}

// @filler 1

module.exports = { handleOrder, validate };
`,
  [JS.customers]: `'use strict';
const CUSTOMERS = {
  c1: { id: 'c1', name: 'Ada', tier: 'gold', address: { city: 'London' } },
  c42: { id: 'c42', name: 'Grace', tier: 'standard', address: { city: 'Arlington' } },
};

// @filler 2

function findCustomer(id) {
  const customer = CUSTOMERS[id];
  if (!customer) throw new Error(\`unknown customer \${id}\`);
  return customer;
}

// @filler 1

module.exports = { findCustomer };
`,
  [JS.orders]: `'use strict';
const { priceItems } = require('./pricing');
const { formatSummary } = require('../lib/format');

// @filler 2

function placeOrder(customer, items, coupon) {
  const lines = items.map((item) => ({ ...item }));
  const total = priceItems(lines, customer, coupon);
  const summary = formatSummary(customer, total);
  return { customer: customer.id, total, summary };
}

// @filler 2

module.exports = { placeOrder };
`,
  [JS.pricing]: `'use strict';
const TIER_RATES = { standard: 0, silver: 0.05, gold: 0.1 };
const COUPONS = { WELCOME: 0.05, SPRING: 0.1 };

// @filler 2

function lineTotal(line) {
  return line.price * line.qty;
}

function discountRate(customer, coupon) {
  const tierRate = TIER_RATES[customer.tier] || 0;
  const couponRate = coupon ? COUPONS[coupon] || 0 : 0;
  return Math.min(0.5, tierRate + couponRate);
}

function priceItems(lines, customer, coupon) {
  const subtotal = lines.reduce((sum, line) => sum + lineTotal(line), 0);
  const rate = discountRate(customer, coupon);
  return Math.round(subtotal * (1 - rate) * 100) / 100;
}

// @filler 3

module.exports = { priceItems, discountRate, lineTotal };
`,
  [JS.format]: `'use strict';

// @filler 2

function money(amount) {
  return amount.toFixed(2);
}

function formatSummary(customer, total) {
  const city = customer.address.city;
  return \`\${customer.name} (\${city}): \${money(total)}\`;
}

// @filler 1

module.exports = { formatSummary, money };
`,
};

export const PY = {
  handler: 'app/handler.py',
  customers: 'app/services/customers.py',
  orders: 'app/services/orders.py',
  pricing: 'app/services/pricing.py',
  format: 'app/lib/format.py',
};

export const pyService = {
  'main.py': `import json

from app.handler import handle_order

REQUEST = {"customer_id": "c42", "items": [{"sku": "book", "price": 12.5, "qty": 2}, {"sku": "pen", "price": 1.2, "qty": 10}], "coupon": "WELCOME"}

if __name__ == "__main__":
    print(json.dumps(handle_order(REQUEST)))
`,
  'app/__init__.py': '',
  'app/services/__init__.py': '',
  'app/lib/__init__.py': '',
  [PY.handler]: `from app.services.customers import find_customer
from app.services.orders import place_order

# @filler 2


def validate(request):
    if not isinstance(request.get("items"), list):
        raise ValueError("items must be a list")
    return request


def handle_order(request):
    valid = validate(request)
    customer = find_customer(valid["customer_id"])
    order = place_order(customer, valid["items"], valid.get("coupon"))
    return {"status": 201, "order": order}
`,
  [PY.customers]: `CUSTOMERS = {
    "c1": {"id": "c1", "name": "Ada", "tier": "gold", "address": {"city": "London"}},
    "c42": {"id": "c42", "name": "Grace", "tier": "standard", "address": {"city": "Arlington"}},
}

# @filler 2


def find_customer(customer_id):
    customer = CUSTOMERS.get(customer_id)
    if customer is None:
        raise KeyError(customer_id)
    return customer
`,
  [PY.orders]: `from app.services.pricing import price_items
from app.lib.format import format_summary

# @filler 2


def place_order(customer, items, coupon):
    lines = [dict(item) for item in items]
    total = price_items(lines, customer, coupon)
    summary = format_summary(customer, total)
    return {"customer": customer["id"], "total": total, "summary": summary}
`,
  [PY.pricing]: `TIER_RATES = {"standard": 0.0, "silver": 0.05, "gold": 0.1}
COUPONS = {"WELCOME": 0.05, "SPRING": 0.1}

# @filler 2


def line_total(line):
    return line["price"] * line["qty"]


def discount_rate(customer, coupon):
    tier_rate = TIER_RATES.get(customer["tier"], 0.0)
    coupon_rate = COUPONS.get(coupon, 0.0) if coupon else 0.0
    return min(0.5, tier_rate + coupon_rate)


def price_items(lines, customer, coupon):
    subtotal = sum(line_total(line) for line in lines)
    rate = discount_rate(customer, coupon)
    return round(subtotal * (1 - rate), 2)

# @filler 2
`,
  [PY.format]: `# @filler 2


def money(amount):
    return "%.2f" % amount


def format_summary(customer, total):
    city = customer["address"]["city"]
    return "%s (%s): %s" % (customer["name"], city, money(total))
`,
};

const J = 'src/main/java/com/acme/shop';
export const JAVA = {
  app: `${J}/App.java`,
  handler: `${J}/OrderHandler.java`,
  customers: `${J}/Customers.java`,
  customer: `${J}/Customer.java`,
  orders: `${J}/OrderService.java`,
  pricing: `${J}/Pricing.java`,
  format: `${J}/Format.java`,
  item: `${J}/Item.java`,
};

export const javaService = {
  [JAVA.app]: `package com.acme.shop;

import java.util.List;

public class App {
    public static void main(String[] args) {
        List<Item> items = List.of(new Item("book", 12.5, 2), new Item("pen", 1.2, 10));
        System.out.println(OrderHandler.handleOrder("c42", items, "WELCOME"));
    }
}
`,
  [JAVA.item]: `package com.acme.shop;

public record Item(String sku, double price, int qty) {
}
`,
  [JAVA.customer]: `package com.acme.shop;

public class Customer {
    public final String id;
    public final String name;
    public final String tier;
    public final Address address;

    public Customer(String id, String name, String tier, Address address) {
        this.id = id;
        this.name = name;
        this.tier = tier;
        this.address = address;
    }

    public static class Address {
        public final String city;

        public Address(String city) {
            this.city = city;
        }
    }
}
`,
  [JAVA.customers]: `package com.acme.shop;

import java.util.HashMap;
import java.util.Map;

public class Customers {
    private static final Map<String, Customer> CUSTOMERS = new HashMap<>();

    static {
        CUSTOMERS.put("c1", new Customer("c1", "Ada", "gold", new Customer.Address("London")));
        CUSTOMERS.put("c42", new Customer("c42", "Grace", "standard", new Customer.Address("Arlington")));
    }

    // @filler 2

    public static Customer find(String id) {
        Customer customer = CUSTOMERS.get(id);
        if (customer == null) {
            throw new IllegalArgumentException("unknown customer " + id);
        }
        return customer;
    }
}
`,
  [JAVA.pricing]: `package com.acme.shop;

import java.util.List;
import java.util.Map;

public class Pricing {
    static final Map<String, Double> TIER_RATES = Map.of("standard", 0.0, "silver", 0.05, "gold", 0.1);
    static final Map<String, Double> COUPONS = Map.of("WELCOME", 0.05, "SPRING", 0.1);

    // @filler 2

    static double lineTotal(Item line) {
        return line.price() * line.qty();
    }

    static double discountRate(Customer customer, String coupon) {
        double tierRate = TIER_RATES.getOrDefault(customer.tier, 0.0);
        double couponRate = coupon == null ? 0.0 : COUPONS.getOrDefault(coupon, 0.0);
        return Math.min(0.5, tierRate + couponRate);
    }

    static double priceItems(List<Item> lines, Customer customer, String coupon) {
        double subtotal = 0;
        for (Item line : lines) {
            subtotal += lineTotal(line);
        }
        double rate = discountRate(customer, coupon);
        return Math.round(subtotal * (1 - rate) * 100) / 100.0;
    }

    // @filler 2
}
`,
  [JAVA.format]: `package com.acme.shop;

public class Format {
    // @filler 2

    static String money(double amount) {
        return String.format("%.2f", amount);
    }

    static String summary(Customer customer, double total) {
        String city = customer.address.city;
        return customer.name + " (" + city + "): " + money(total);
    }
}
`,
  [JAVA.orders]: `package com.acme.shop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public class OrderService {
    // @filler 2

    static Map<String, Object> placeOrder(Customer customer, List<Item> items, String coupon) {
        List<Item> lines = new ArrayList<>(items);
        double total = Pricing.priceItems(lines, customer, coupon);
        String summary = Format.summary(customer, total);
        return Map.of("customer", customer.id, "total", total, "summary", summary);
    }
}
`,
  [JAVA.handler]: `package com.acme.shop;

import java.util.List;
import java.util.Map;

public class OrderHandler {
    // @filler 1

    static List<Item> validate(List<Item> items) {
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException("items must not be empty");
        }
        return items;
    }

    static Map<String, Object> handleOrder(String customerId, List<Item> items, String coupon) {
        List<Item> valid = validate(items);
        Customer customer = Customers.find(customerId);
        Map<String, Object> order = OrderService.placeOrder(customer, valid, coupon);
        return Map.of("status", 201, "order", order);
    }
}
`,
};

export const JAVA_MAIN = 'com.acme.shop.App';

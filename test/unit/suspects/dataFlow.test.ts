import { strict as assert } from 'node:assert';
import {
  assignment,
  crashSeeds,
  findCall,
  parameterNames,
  rootNames,
  sliceBack,
  statementText,
} from '../../../src/core/suspects/dataFlow';
import { traceFlow, type FlowFrame } from '../../../src/core/suspects/flowEvidence';

function frame(depth: number, src: string, lineText: string, fn: string | null = null): FlowFrame {
  const text = src.split('\n');
  const line = text.findIndex((l) => l.includes(lineText)) + 1;
  assert.ok(line > 0, `${lineText} not in the source`);
  let start = line;
  while (start > 1 && !/function |def |static |\) \{$/.test(text[start - 1])) start--;
  return { depth, path: `f${depth}`, line, function: fn, start, end: text.length, ranUntil: line, text };
}

describe('dataFlow', () => {
  it('names variables, not properties, keywords or strings', () => {
    assert.deepEqual(rootNames('const city = customer.address.city; // note'), ['city', 'customer']);
    assert.deepEqual(rootNames('return `${amount.toFixed(2)} ${currency.toUpperCase()}`'), ['amount', 'currency']);
    assert.deepEqual(rootNames('x = d["key"] if self.y else None'), ['x', 'd']);
  });
  it('reads assignments in Java, TypeScript and Python shapes', () => {
    assert.deepEqual(assignment('        Customer customer = new Customer(stored.id, null);')?.names, ['customer']);
    assert.deepEqual(assignment('  const code: string | undefined = cart.coupon;')?.names, ['code']);
    assert.deepEqual(assignment('    coupon = "NONE";')?.names, ['coupon']);
    assert.deepEqual(assignment('  customer.address = null;')?.names, ['customer']);
    assert.deepEqual(assignment('  const { a, b } = pair;')?.names, ['a', 'b']);
    assert.deepEqual(assignment('  total += line.price;')?.names, ['total']);
    assert.equal(assignment('  if (a == b || c >= d) return a => a;'), null);
    assert.deepEqual(crashSeeds('    String city = customer.address.city;'), ['customer']);
  });
  it('reads a collection insert and a loop header as what changes the collection and the loop variable', () => {
    // The standard libraries' inserts put the argument's value into the collection.
    const inserts: Array<[string, string]> = [
      ['  out.push(format(row));', 'out'],
      ['        rows.append(normalize(r))', 'rows'],
      ['                prepared.Add(Intake.PrepareCustomer(Customers.FindCustomer(id)));', 'prepared'],
      ['    byId.put(key, build(v));', 'byId'],
      ['    list << prepare(c)', 'list'],
    ];
    for (const [line, name] of inserts) assert.deepEqual(assignment(line)?.names, [name], line);
    assert.equal(
      assignment('                prepared.Add(Intake.PrepareCustomer(c));')?.rhs,
      'Intake.PrepareCustomer(c)',
    );
    // Each language's loop over a collection binds its variable from the collection.
    const loops: Array<[string, string[], string]> = [
      ['  for (const x of list) {', ['x'], 'list'],
      ['    for x in rows:', ['x'], 'rows'],
      ['    for k, v in table.items():', ['k', 'v'], 'table.items()'],
      ['        for (Customer c : customers) {', ['c'], 'customers'],
      ['            foreach (var x in list)', ['x'], 'list'],
      ['        foreach ($items as $key => $item) {', ['$key', '$item'], '$items'],
      ['	for _, c := range customers {', ['_', 'c'], 'customers'],
      ['    for c in customers.iter() {', ['c'], 'customers.iter()'],
      ['    customers.each do |c|', ['c'], 'customers'],
    ];
    for (const [line, names, rhs] of loops) assert.deepEqual(assignment(line), { names, rhs }, line);
  });
  it('reads parameter names from headers of several languages', () => {
    assert.deepEqual(
      parameterNames('    static String summary(final Customer customer, List<Item> items, double total) {'),
      ['customer', 'items', 'total'],
    );
    // Go writes the name first (`c *Customer`, `a, b int`), and a method's receiver is no parameter.
    assert.deepEqual(parameterNames('func statementLine(c *Customer) string {'), ['c']);
    assert.deepEqual(parameterNames('func pay(a, b int, opts ...Option) error {'), ['a', 'b', 'opts']);
    assert.deepEqual(parameterNames('func (s *Server) handle(w http.ResponseWriter, r *http.Request) {'), ['w', 'r']);
    assert.deepEqual(
      parameterNames('export function couponRule(code?: string, opts: { a: number } = {}): { rate: number } {'),
      ['code', 'opts'],
    );
    assert.deepEqual(parameterNames('def price(self, lines, *args, coupon=None, **kw):'), [
      'self',
      'lines',
      'args',
      'coupon',
      'kw',
    ]);
    assert.deepEqual(parameterNames('const money = (amount, currency = "EUR") => {'), ['amount', 'currency']);
    assert.equal(parameterNames('  total = price(lines)'), null);
    // A brace on the next line (C#, Java in Allman style).
    assert.deepEqual(parameterNames('        public static string StatementLine(Customer item)'), ['item']);
    assert.deepEqual(parameterNames('        public static List<string> Report(List<Customer> list)'), ['list']);
  });
  it('finds a call and its arguments, nested calls and strings included', () => {
    assert.deepEqual(findCall('  x = Pricing.priceItems(lines, new Customer(a, "b,c"), coupon);', ['priceItems']), {
      receiver: 'Pricing.',
      args: ['lines', 'new Customer(a, "b,c")', 'coupon'],
    });
    assert.equal(findCall('  x = other(1)', ['priceItems']), null);
    assert.equal(statementText(['  f(a,', '    b);', 'next'], 1), '  f(a,\n    b);');
  });
  it('slices back through assignments that feed the line', () => {
    const lines = [
      'function f(code) {',
      '  const rule = RULES[code];',
      '  const unrelated = 2;',
      '  const label = rule.label.trim();',
      '}',
    ];
    const s = sliceBack(lines, 1, 4, crashSeeds(lines[3]));
    assert.deepEqual([...s.names].sort(), ['RULES', 'code', 'rule']);
    assert.deepEqual(s.defLines, [2]);
  });
  it('follows the crashing value up the stack through the arguments that carry it', () => {
    const rules =
      'export function couponRule(code: string) {\n  const rule = RULES[code];\n  const label = rule.label.trim();\n}';
    const coupons =
      'export function applyCoupon(amount: number, code?: string): number {\n  if (!code || amount === 0) return amount;\n  const rule = couponRule(code);\n}';
    const checkout =
      'export function checkout(cart: Cart): string {\n  const subtotal = sum(cart.lines);\n  const code = cart.coupon ? cart.coupon.toLowerCase() : undefined;\n  const total = applyCoupon(subtotal, code);\n}';
    const flows = traceFlow([
      frame(0, rules, 'rule.label.trim', 'r'),
      frame(1, coupons, 'couponRule(code)', 'u'),
      frame(2, checkout, 'applyCoupon(subtotal', 'i'),
    ]);
    assert.equal(flows.length, 3);
    assert.deepEqual(flows[1].call?.positions, [0]);
    // Only the second argument carries the value: the subtotal line is not part of the flow.
    assert.deepEqual([...flows[2].names].sort(), ['cart', 'code']);
    assert.deepEqual(flows[2].defLines, [3]);
  });
  it('follows a value into a function handed over as a value, and out of a collection filled in a loop', () => {
    const line =
      'pub fn statement_line(item: &Customer) -> String {\n    let rate = settings::tier_rates()[item.tier.as_str()];\n}';
    const report =
      'pub fn report(list: &[Customer]) -> Vec<String> {\n    list.iter().map(statement_line).collect()\n}';
    const main =
      'fn main() {\n    let mut prepared = Vec::new();\n    for id in ids {\n        prepared.push(prepare(find(id)));\n    }\n    let lines = statements::report(&prepared);\n}';
    const flows = traceFlow([
      frame(0, line, 'tier_rates()[', 'statement_line'),
      frame(1, report, 'map(statement_line)', 'report'),
      frame(2, main, 'statements::report(', 'main'),
    ]);
    assert.equal(flows.length, 3);
    assert.ok(flows[1].names.has('list'));
    assert.deepEqual(flows[2].defLines, [4, 3, 2]);
    assert.ok(['prepare', 'find', 'ids'].every((n) => flows[2].names.has(n)));
  });
  it('follows a value through a closure defined on the line of its caller', () => {
    const row =
      'public static function folioRow(array $booking): string {\n    $rate = round(RATES[$booking["room"]], 2);\n}';
    const report =
      'public static function report(array $list): array {\n    return array_map(fn (array $x): string => self::folioRow($x), $list);\n}';
    const flows = traceFlow([
      frame(0, row, 'round(', 'Folios::folioRow'),
      { ...frame(1, report, 'array_map(', 'Folios::{closure}'), path: 'Folios.php' },
      { ...frame(2, report, 'array_map(', 'Folios::report'), path: 'Folios.php' },
    ]);
    assert.equal(flows.length, 3);
    assert.deepEqual([...flows[1].names], ['$x']);
    assert.ok(flows[2].names.has('$list') && !flows[2].names.has('$x'));
  });
  it('stops where a caller does not pass the value on', () => {
    const callee = 'function f(a) {\n  return a.x;\n}';
    const caller = 'function g(b) {\n  const a = make();\n  return f(a);\n}';
    const top = 'function h(b) {\n  return g(b);\n}';
    const flows = traceFlow([frame(0, callee, 'a.x'), frame(1, caller, 'f(a)'), frame(2, top, 'g(b)')]);
    assert.equal(flows.length, 2);
    assert.deepEqual(flows[1].defLines, [2]);
  });
});

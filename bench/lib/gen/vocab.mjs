// Domain vocabularies for the parametric corpus: the same program shape (a record store, an
// intake step, a rate table, a paging helper, an amount codec, a statement service) named after
// different businesses, so scenarios of one bug class do not share identifiers or messages.
// Words are lists; each language's dialect joins them in its own naming convention.

export const VOCABS = [
  {
    id: 'shop',
    entity: ['customer'],
    sub: ['address'],
    leaf: ['city'],
    key: ['tier'],
    keys: ['gold', 'silver', 'basic', 'legacy'],
    amount: ['balance'],
    items: ['orders'],
    item: ['sku'],
    modules: {
      store: 'customers',
      config: 'settings',
      codec: 'money',
      util: 'paging',
      intake: 'intake',
      service: 'statements',
      vendor: 'keyfmt',
    },
    fn: {
      find: ['find', 'customer'],
      prepare: ['prepare', 'customer'],
      describe: ['statement', 'line'],
      window: ['first', 'orders'],
      norm: ['normalize', 'tier'],
      encode: ['encode', 'balance'],
    },
    table: ['tier', 'rates'],
    batch: ['page', 'size'],
    people: [
      ['c1', 'Ada', 'Paris'],
      ['c2', 'Grace', null],
      ['c3', 'Linus', 'Oslo'],
    ],
    itemsOf: ['BK-1', 'PN-7', 'MG-3'],
  },
  {
    id: 'hotel',
    entity: ['booking'],
    sub: ['guest'],
    leaf: ['email'],
    key: ['room'],
    keys: ['suite', 'double', 'single', 'annex'],
    amount: ['deposit'],
    items: ['nights'],
    item: ['date'],
    modules: {
      store: 'bookings',
      config: 'config',
      codec: 'codec',
      util: 'calendar',
      intake: 'checkin',
      service: 'folios',
      vendor: 'slugs',
    },
    fn: {
      find: ['lookup', 'booking'],
      prepare: ['check', 'in'],
      describe: ['folio', 'row'],
      window: ['night', 'dates'],
      norm: ['room', 'code'],
      encode: ['encode', 'deposit'],
    },
    table: ['room', 'surcharges'],
    batch: ['nights', 'per', 'page'],
    people: [
      ['b7', 'Noor', 'noor@example.com'],
      ['b8', 'Mateo', null],
      ['b9', 'Ines', 'ines@example.com'],
    ],
    itemsOf: ['2025-03-01', '2025-03-02', '2025-03-03'],
  },
  {
    id: 'freight',
    entity: ['shipment'],
    sub: ['consignee'],
    leaf: ['postcode'],
    key: ['service'],
    keys: ['express', 'standard', 'economy', 'freight'],
    amount: ['weight'],
    items: ['parcels'],
    item: ['barcode'],
    modules: {
      store: 'shipments',
      config: 'options',
      codec: 'units',
      util: 'batches',
      intake: 'receiving',
      service: 'manifests',
      vendor: 'codes',
    },
    fn: {
      find: ['load', 'shipment'],
      prepare: ['receive', 'shipment'],
      describe: ['manifest', 'entry'],
      window: ['leading', 'parcels'],
      norm: ['service', 'key'],
      encode: ['encode', 'weight'],
    },
    table: ['service', 'fees'],
    batch: ['labels', 'per', 'sheet'],
    people: [
      ['s1', 'Acme', '1012AB'],
      ['s2', 'Globex', null],
      ['s3', 'Initech', '75001'],
    ],
    itemsOf: ['PX100', 'PX101', 'PX102'],
  },
];

const capWord = (w) => w.charAt(0).toUpperCase() + w.slice(1);

/** Naming conventions over word lists. */
export const naming = {
  camel: (ws) => ws[0] + ws.slice(1).map(capWord).join(''),
  pascal: (ws) => ws.map(capWord).join(''),
  snake: (ws) => ws.join('_'),
  upper: (ws) => ws.join('_').toUpperCase(),
};

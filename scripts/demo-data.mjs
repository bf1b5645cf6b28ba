// Demo data for local use and the browser tests: four resellers (two Basic), a staff user per role of the Basic
// one, and about 300 realistic customers from Germany, Austria and Switzerland (deterministic). Everything a
// customer shows is backed by the records the app itself would have written: a relationship by its
// invitation, revenue and product count by subscriptions, badges by their rows (test/demoData.test.ts).
import { customerDisplayName } from '../schema/customerName.js';
import { customerSortKeys } from '../schema/customerSortKeys.js';
import { customerMatchKeys } from '../schema/duplicateKeys.js';
import { customerSearchTerms } from '../schema/search.js';

export const DEMO_PASSWORD = 'Kundendesk-2026';

export const demoResellers = [
  { id: 'rs_alpen', name: 'Alpen IT Solutions GmbH', partnerType: 'basic', customers: 300 },
  { id: 'rs_nordlicht', name: 'Nordlicht Systemhaus AG', partnerType: 'standard', customers: 12 },
  { id: 'rs_donau', name: 'Donau Cloud GmbH', partnerType: 'tenant_simple', customers: 8 },
  // A second Basic reseller, so two resellers' desks can be compared side by side (isolation).
  { id: 'rs_bergblick', name: 'Bergblick Systeme GmbH', partnerType: 'basic', customers: 25 },
];

export const demoUsers = [
  { id: 'usr_alpen_owner', resellerId: 'rs_alpen', email: 'inhaber@alpen-it.example', displayName: 'Anna Berger', role: 'owner' },
  { id: 'usr_alpen_admin', resellerId: 'rs_alpen', email: 'admin@alpen-it.example', displayName: 'Markus Huber', role: 'admin' },
  { id: 'usr_alpen_buyer', resellerId: 'rs_alpen', email: 'vertrieb@alpen-it.example', displayName: 'Lena Schmid', role: 'buyer' },
  { id: 'usr_alpen_support', resellerId: 'rs_alpen', email: 'support@alpen-it.example', displayName: 'Jonas Weber', role: 'support' },
  { id: 'usr_nordlicht_owner', resellerId: 'rs_nordlicht', email: 'inhaber@nordlicht.example', displayName: 'Frauke Petersen', role: 'owner' },
  { id: 'usr_donau_owner', resellerId: 'rs_donau', email: 'inhaber@donau-cloud.example', displayName: 'Stefan Pichler', role: 'owner' },
  { id: 'usr_bergblick_owner', resellerId: 'rs_bergblick', email: 'inhaber@bergblick.example', displayName: 'Sabine Koller', role: 'owner' },
];

/**
 * Same format as worker/auth/password.ts: pbkdf2-sha256$iterations$salt$hash (base64url). Node's crypto is
 * fetched when called, so the worker tests (workerd) can load this module and the demo data without it.
 */
export function hashPassword(password, iterations = 100_000) {
  const { pbkdf2Sync, randomBytes } = process.getBuiltinModule('node:crypto');
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  return `pbkdf2-sha256$${iterations}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const places = {
  DE: {
    weight: 0.6,
    tld: 'de',
    phone: '+49',
    mobile: ['+49 151', '+49 160', '+49 171', '+49 176'],
    cities: [
      ['München', '80331', 'Bayern', '89'],
      ['Berlin', '10115', 'Berlin', '30'],
      ['Hamburg', '20095', 'Hamburg', '40'],
      ['Köln', '50667', 'Nordrhein-Westfalen', '221'],
      ['Frankfurt am Main', '60311', 'Hessen', '69'],
      ['Stuttgart', '70173', 'Baden-Württemberg', '711'],
      ['Düsseldorf', '40213', 'Nordrhein-Westfalen', '211'],
      ['Leipzig', '04109', 'Sachsen', '341'],
      ['Dresden', '01067', 'Sachsen', '351'],
      ['Nürnberg', '90402', 'Bayern', '911'],
      ['Hannover', '30159', 'Niedersachsen', '511'],
      ['Bremen', '28195', 'Bremen', '421'],
      ['Augsburg', '86150', 'Bayern', '821'],
      ['Regensburg', '93047', 'Bayern', '941'],
      ['Freiburg im Breisgau', '79098', 'Baden-Württemberg', '761'],
      ['Münster', '48143', 'Nordrhein-Westfalen', '251'],
      ['Würzburg', '97070', 'Bayern', '931'],
      ['Rosenheim', '83022', 'Bayern', '8031'],
      ['Erfurt', '99084', 'Thüringen', '361'],
      ['Mainz', '55116', 'Rheinland-Pfalz', '6131'],
      ['Kiel', '24103', 'Schleswig-Holstein', '431'],
    ],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Lindenweg', 'Goethestraße', 'Schillerstraße', 'Marktplatz', 'Industriestraße', 'Am Mühlbach', 'Gartenstraße', 'Königsallee'],
    legal: ['GmbH', 'GmbH', 'GmbH & Co. KG', 'AG', 'e.K.', 'OHG'],
  },
  AT: {
    weight: 0.2,
    tld: 'at',
    phone: '+43',
    mobile: ['+43 664', '+43 676', '+43 699'],
    cities: [
      ['Wien', '1010', 'Wien', '1'],
      ['Graz', '8010', 'Steiermark', '316'],
      ['Linz', '4020', 'Oberösterreich', '732'],
      ['Salzburg', '5020', 'Salzburg', '662'],
      ['Innsbruck', '6020', 'Tirol', '512'],
      ['Klagenfurt', '9020', 'Kärnten', '463'],
      ['St. Pölten', '3100', 'Niederösterreich', '2742'],
      ['Bregenz', '6900', 'Vorarlberg', '5574'],
    ],
    streets: ['Hauptplatz', 'Mozartgasse', 'Bahnhofstraße', 'Kirchengasse', 'Landstraße', 'Herrengasse', 'Wiener Straße'],
    legal: ['GmbH', 'GmbH', 'KG', 'OG', 'e.U.'],
  },
  CH: {
    weight: 0.2,
    tld: 'ch',
    phone: '+41',
    mobile: ['+41 79', '+41 78', '+41 76'],
    cities: [
      ['Zürich', '8001', 'Zürich', '44'],
      ['Bern', '3011', 'Bern', '31'],
      ['Basel', '4051', 'Basel-Stadt', '61'],
      ['Luzern', '6003', 'Luzern', '41'],
      ['St. Gallen', '9000', 'St. Gallen', '71'],
      ['Winterthur', '8400', 'Zürich', '52'],
      ['Zug', '6300', 'Zug', '41'],
      ['Chur', '7000', 'Graubünden', '81'],
    ],
    streets: ['Bahnhofstrasse', 'Seestrasse', 'Dorfstrasse', 'Marktgasse', 'Kirchgasse', 'Industriestrasse', 'Rosenweg'],
    legal: ['AG', 'GmbH', 'GmbH', 'AG'],
  },
};

const firstNames = [
  'Anna',
  'Lukas',
  'Sophie',
  'Maximilian',
  'Lea',
  'Felix',
  'Marie',
  'Jonas',
  'Laura',
  'Paul',
  'Julia',
  'Elias',
  'Hannah',
  'Tobias',
  'Katharina',
  'Florian',
  'Sarah',
  'Matthias',
  'Johanna',
  'Stefan',
  'Sabine',
  'Andreas',
  'Claudia',
  'Thomas',
  'Petra',
  'Michael',
  'Brigitte',
  'Jürgen',
  'Ursula',
  'Dominik',
  'Nadine',
  'Reto',
  'Beat',
  'Corinne',
  'Urs',
  'Özlem',
  'Zoë',
  'René',
  'Chantal',
  'Björn',
];
const lastNames = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Gruber',
  'Huber',
  'Bauer',
  'Pichler',
  'Moser',
  'Steiner',
  'Hofer',
  'Keller',
  'Meier',
  'Brunner',
  'Baumann',
  'Frei',
  'Zimmermann',
  'Schäfer',
  'Koch',
  'Richter',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Braun',
  'Krüger',
  'Lehmann',
  'Köhler',
  'Weiß',
  'Jäger',
  'Lang',
  'Mayer',
  'Böhm',
  'Kühn',
  'Günther',
  'Yılmaz',
];
const trades = [
  'Bäckerei',
  'Autohaus',
  'Steuerkanzlei',
  'Architekturbüro',
  'Zahnarztpraxis Dr.',
  'Elektro',
  'Malerbetrieb',
  'Schreinerei',
  'Hotel',
  'Gasthof',
  'Ingenieurbüro',
  'Physiotherapie',
  'Anwaltskanzlei',
  'Versicherungsmakler',
  'Logistik',
  'Druckerei',
  'Brauerei',
  'Optik',
  'Immobilien',
  'Sanitär',
  'Metallbau',
  'Gärtnerei',
  'Reisebüro',
  'Fahrschule',
  'Weinhandel',
];

function slug(text) {
  return text
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .replaceAll('ı', 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A stable Microsoft tenant ID (GUID) for a demo customer, from its id (no draw from the generator, so the rest of the data stays as it was). */
function demoTenantId(customerId) {
  let hex = '';
  for (let round = 0; hex.length < 32; round++) {
    let hash = 2166136261 ^ round;
    for (const char of customerId) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    hex += (hash >>> 0).toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function demoCustomers(reseller, seed) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const digits = (n) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const usedDomains = new Set();
  const rows = [];
  for (let index = 0; index < reseller.customers; index++) {
    const roll = random();
    const country = roll < places.DE.weight ? 'DE' : roll < places.DE.weight + places.AT.weight ? 'AT' : 'CH';
    const place = places[country];
    const [city, postalCode, state, areaCode] = pick(place.cities);
    const firstName = pick(firstNames);
    const lastName = pick(lastNames);
    const isPrivate = random() < 0.1;
    const brand = `${pick(trades)} ${pick(lastNames)}`;
    const company = isPrivate ? '' : `${brand} ${pick(place.legal)}`;
    let domain = `${slug(isPrivate ? `${firstName}-${lastName}` : brand)}.${place.tld}`;
    if (usedDomains.has(domain)) domain = `${slug(isPrivate ? lastName : brand)}-${slug(city)}.${place.tld}`;
    usedDomains.add(domain);
    const state_ = random();
    const createdAt = new Date(Date.UTC(2023, 0, 1) + Math.floor(random() * 1_000 * 86_400_000)).toISOString();
    const id = `cus_${reseller.id.slice(3)}_${String(index + 1).padStart(5, '0')}`;
    rows.push({
      id,
      resellerId: reseller.id,
      customerNumber: String(10001 + index),
      company,
      contactFirstName: firstName,
      contactLastName: lastName,
      email: isPrivate ? `${slug(firstName)}.${slug(lastName)}@${domain}` : `${pick(['info', 'office', 'kontakt', 'it'])}@${domain}`,
      phone: `${place.phone} ${areaCode} ${digits(6)}`,
      mobile: random() < 0.7 ? `${pick(place.mobile)} ${digits(7)}` : '',
      website: isPrivate ? '' : `https://www.${domain}`,
      address: `${pick(place.streets)} ${1 + Math.floor(random() * 120)}`,
      postalCode,
      city,
      state,
      country,
      primaryDomain: domain,
      // Customers with an active relationship are Microsoft tenants the reseller knows.
      microsoftId: state_ < 0.75 ? demoTenantId(id) : '',
      // The relationship and its rights are what the customer's invitation left (demoInvitations).
      relationshipState: state_ < 0.75 ? 'active' : state_ < 0.9 ? 'none' : 'pending',
      // Two in three active customers granted delegated admin, so "access the customer's account" can be tried.
      grantedRights: JSON.stringify(state_ < 0.75 ? (index % 3 === 2 ? ['granular:global_reader'] : ['delegated_admin', 'granular:helpdesk_admin']) : []),
      // The first twenty carry products, so the delete rule can be tried on them.
      productCount: index < 20 ? 1 + Math.floor(random() * 4) : 0,
      monthlyRevenueCents: 0, // set from the demo orders' subscriptions (demoHoldings)
      ...customerSortKeys({ company, contactFirstName: firstName, contactLastName: lastName, city }),
      createdAt,
    });
  }
  return rows;
}

const quote = (value) => (value === null ? 'NULL' : typeof value === 'number' || typeof value === 'boolean' ? String(Number(value)) : `'${String(value).replaceAll("'", "''")}'`);

export function insert(table, rows) {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]);
  const snake = columns.map((column) => column.replace(/[A-Z]/g, (char) => `_${char.toLowerCase()}`));
  const values = rows.map((row) => `(${columns.map((column) => quote(row[column])).join(', ')})`);
  return `INSERT INTO ${table} (${snake.join(', ')}) VALUES\n${values.join(',\n')};\n`;
}

const demoTags = [
  { id: 'tag_alpen_m365', name: 'Microsoft 365', color: 'blue' },
  { id: 'tag_alpen_hosting', name: 'Hosting', color: 'teal' },
  { id: 'tag_alpen_vip', name: 'VIP', color: 'purple' },
  { id: 'tag_alpen_renewal', name: 'Verlängerung Q1', color: 'orange' },
];

const demoCustomFields = [
  { id: 'cf_alpen_industry', label: 'Branche', type: 'choice', options: ['Handwerk', 'Handel', 'Gastronomie', 'Gesundheit', 'Dienstleistung'], position: 0 },
  { id: 'cf_alpen_manager', label: 'Kundenbetreuer', type: 'text', options: [], position: 1 },
  { id: 'cf_alpen_contract', label: 'Vertragsbeginn', type: 'date', options: [], position: 2 },
];

/** One catalog per reseller (the four distributor catalogs and the reseller's own products); prices net in cents. */
const demoCatalog = [
  ['azure', 'AZ-PLAN', 'Azure Plan (Verbrauch)', 'monthly', 0, false, 'Azure'],
  ['azure', 'AZ-RI-D2S', 'Azure Reserved VM D2s v5 (1 Jahr)', 'yearly', 78_000, false, 'Azure Virtual Machines'],
  ['marketplace', 'MP-VEEAM-365', 'Veeam Backup for Microsoft 365', 'monthly', 250, true, 'Veeam Backup'],
  ['marketplace', 'MP-ACRONIS', 'Acronis Cyber Protect Cloud', 'monthly', 590, true, 'Acronis Backup'],
  ['software', 'SW-WIN11-PRO', 'Windows 11 Pro (Lizenz)', 'one_off', 25_900, true, ''],
  ['software', 'SW-OFFICE-2024', 'Office LTSC Standard 2024', 'one_off', 42_900, true, ''],
  ['online_services', 'M365-BP', 'Microsoft 365 Business Premium', 'monthly', 2_060, true, 'Microsoft 365'],
  ['online_services', 'M365-BS', 'Microsoft 365 Business Standard', 'monthly', 1_170, true, 'Microsoft 365'],
  ['online_services', 'M365-E3', 'Microsoft 365 E3 (Jahresabo)', 'yearly', 40_800, true, 'Microsoft 365'],
  ['online_services', 'EXO-P1', 'Exchange Online Plan 1', 'monthly', 380, true, 'Exchange Online'],
  ['reseller', 'RP-WEBHOSTING-S', 'Webhosting S (eigenes Produkt)', 'monthly', 990, false, 'Webhosting'],
  ['reseller', 'RP-SUPPORT-H', 'IT-Support Stundenpaket (10 h)', 'one_off', 85_000, false, ''],
];

export function demoProducts(reseller) {
  return demoCatalog.map(([catalog, sku, name, billing, priceCents, createsLicence, serviceName]) => ({
    id: `prd_${reseller.id.slice(3)}_${sku.toLowerCase().replaceAll('-', '_')}`,
    resellerId: reseller.id,
    catalog,
    sku,
    name,
    billing,
    priceCents,
    currency: 'EUR',
    createsLicence,
    serviceName,
  }));
}

/**
 * The first customers of a reseller got products through real fulfilled orders, so MRR, product
 * count, subscriptions, licences and services agree with what the app computes itself.
 */
export function demoHoldings(reseller, customers, catalog, numbering = { last: 100_000 }) {
  const random = prng(99);
  const rows = { orders: [], order_lines: [], subscriptions: [], assets: [] };
  const recurring = catalog.filter((product) => product.billing !== 'one_off' && product.priceCents > 0);
  for (const customer of customers.filter((candidate) => candidate.productCount > 0)) {
    const picked = [...recurring].sort(() => random() - 0.5).slice(0, customer.productCount);
    const date = customer.createdAt;
    const orderId = `ord_${customer.id.slice(4)}`;
    const lines = picked.map((product, index) => ({ product, quantity: 1 + Math.floor(random() * 25), index }));
    numbering.last += 1;
    rows.orders.push({
      id: orderId,
      resellerId: reseller.id,
      customerId: customer.id,
      orderNumber: numbering.last,
      catalog: picked[0].catalog,
      status: 'fulfilled',
      orderDate: date,
      fulfilledAt: date,
      totalCents: lines.reduce((sum, line) => sum + line.quantity * line.product.priceCents, 0),
      currency: 'EUR',
      createdBy: 'Anna Berger',
    });
    let mrr = 0;
    for (const { product, quantity, index } of lines) {
      rows.order_lines.push({
        id: `${orderId}_l${index}`,
        resellerId: reseller.id,
        orderId,
        productId: product.id,
        sku: product.sku,
        name: product.name,
        billing: product.billing,
        quantity,
        unitPriceCents: product.priceCents,
        totalCents: quantity * product.priceCents,
      });
      const subscriptionId = `${orderId}_s${index}`;
      const renewal = new Date(Date.UTC(2027, Math.floor(random() * 12), 1 + Math.floor(random() * 28))).toISOString().slice(0, 10);
      rows.subscriptions.push({
        id: subscriptionId,
        resellerId: reseller.id,
        customerId: customer.id,
        orderId,
        productId: product.id,
        name: product.name,
        billing: product.billing,
        quantity,
        unitPriceCents: product.priceCents,
        term: product.billing === 'monthly' ? 'P1M' : 'P1Y',
        renewalDate: renewal,
        state: 'active',
        serviceName: product.serviceName,
      });
      if (product.createsLicence)
        rows.assets.push({
          id: `${orderId}_a${index}`,
          resellerId: reseller.id,
          customerId: customer.id,
          orderId,
          subscriptionId,
          name: product.name,
          seatsTotal: quantity,
          seatsUsed: Math.floor(quantity * random()),
          licenceKey: `DEMO-${customer.customerNumber}-${index}`,
        });
      mrr += product.billing === 'monthly' ? quantity * product.priceCents : (quantity * product.priceCents) / 12;
    }
    customer.monthlyRevenueCents = Math.round(mrr);
  }
  return rows;
}

const DAY_MS = 86_400_000;
const iso = (time) => new Date(time).toISOString();

/** Who sends a reseller's invitations: the Basic desk's staff who may (owner, admin, sales), else the owner. */
const invitingStaff = (resellerId) => demoUsers.filter((user) => user.resellerId === resellerId && user.role !== 'support');

/** Rights asked for: what the customer granted, and on some invitations more (a customer may grant fewer rights than asked). */
function requestedFor(granted, random) {
  const asked = new Set(granted.length > 0 ? granted : ['delegated_admin', 'granular:helpdesk_admin']);
  if (!asked.has('delegated_admin') || random() < 0.2) asked.add('delegated_admin');
  if (random() < 0.25) asked.add('billing_view');
  const order = [
    'delegated_admin',
    'granular:global_reader',
    'granular:helpdesk_admin',
    'granular:user_admin',
    'granular:license_admin',
    'granular:billing_admin',
    'billing_view',
    'product_management',
    'user_management',
  ];
  return order.filter((right) => asked.has(right));
}

/**
 * The invitations behind each customer's relationship, as the app writes them: a pending customer has
 * its open invitation (some opened, some reminded), an active one the invitation it accepted with the
 * rights it granted (and the indirect provider when invited with it), some customers without a
 * relationship an invitation they declined; each step with its activity-log row. Granted rights not
 * yet acknowledged by staff show "zu prüfen". Links are never real: the stored hashes match no token,
 * so staff resend or remind to get one. Sets the customers' provider, review flag and `updatedAt`.
 */
export function demoInvitations(reseller, customers, now, provider) {
  const random = prng(31 + reseller.customers);
  const staff = invitingStaff(reseller.id);
  const rows = { invitations: [], invitation_reminders: [], audit_log: [] };
  const audit = (at, actor, action, invitationOrCustomer, customer, change = {}) =>
    rows.audit_log.push({
      resellerId: reseller.id,
      actorUserId: actor.id ?? null,
      actorLabel: actor.displayName,
      action,
      entityType: action.startsWith('invitation.') ? 'invitation' : 'customer',
      entityId: invitationOrCustomer,
      customerId: customer.id,
      before: change.before ? JSON.stringify(change.before) : null,
      after: change.after ? JSON.stringify(change.after) : null,
      createdAt: at,
    });
  for (const customer of customers) {
    const granted = JSON.parse(customer.grantedRights);
    const declined = customer.relationshipState === 'none' && random() < 0.25;
    if (customer.relationshipState === 'none' && !declined) continue;
    const sender = staff[Math.floor(random() * staff.length)];
    const id = `inv_${customer.id.slice(4)}`;
    const withProvider = customer.relationshipState === 'active' && provider !== '' && random() < 0.3;
    const created =
      customer.relationshipState === 'pending'
        ? now - (1 + Math.floor(random() * 9)) * DAY_MS - Math.floor(random() * DAY_MS)
        : Math.max(Date.parse(customer.createdAt) + (1 + Math.floor(random() * 30)) * DAY_MS, customer.relationshipState === 'active' && random() < 0.12 ? now - 40 * DAY_MS : 0);
    const expires = created + 14 * DAY_MS;
    const requested = requestedFor(granted, random);
    const invitation = {
      id,
      resellerId: reseller.id,
      kind: 'existing',
      customerId: customer.id,
      tokenHash: `demo-link-never-valid-${id}`,
      state: customer.relationshipState === 'active' ? 'accepted' : customer.relationshipState === 'pending' ? 'pending' : 'declined',
      requestedRights: JSON.stringify(requested),
      grantedRights: customer.relationshipState === 'active' ? JSON.stringify(granted) : null,
      includeIndirectProvider: withProvider,
      indirectProvider: withProvider ? provider : null,
      language: 'de',
      sentByUserId: sender.id,
      sentByName: sender.displayName,
      expiresAt: iso(expires),
      respondedAt: null,
      openedAt: null,
      lastOpenedAt: null,
      lastRemindedAt: null,
      lastRemindedBy: null,
      reminderCount: 0,
      version: 1,
      createdAt: iso(created),
      updatedAt: iso(created),
    };
    audit(invitation.createdAt, sender, 'invitation.created', id, customer, {
      after: { requestedRights: requested, includeIndirectProvider: withProvider, expiresAt: invitation.expiresAt },
    });
    // The customer opens and answers on the public page: the log names the customer, no staff member.
    const reader = { id: null, displayName: customerDisplayName(customer) };
    const answered = customer.relationshipState !== 'pending';
    if (!answered) customer.updatedAt = invitation.createdAt;
    if (answered || random() < 0.4) {
      const opened = created + Math.floor((answered ? 0.2 : random()) * DAY_MS);
      Object.assign(invitation, { openedAt: iso(opened), lastOpenedAt: iso(opened), version: invitation.version + 1, updatedAt: iso(opened) });
      audit(invitation.openedAt, reader, 'invitation.opened', id, customer, { after: { openedAt: invitation.openedAt } });
    }
    if (!answered && invitation.openedAt === null && now - created > 3 * DAY_MS && random() < 0.5) {
      const reminded = iso(created + 2 * DAY_MS);
      Object.assign(invitation, { lastRemindedAt: reminded, lastRemindedBy: sender.displayName, reminderCount: 1, version: invitation.version + 1, updatedAt: reminded });
      rows.invitation_reminders.push({
        id: `rem_${customer.id.slice(4)}`,
        resellerId: reseller.id,
        invitationId: id,
        tokenHash: `demo-link-never-valid-rem-${id}`,
        sentByName: sender.displayName,
        createdAt: reminded,
      });
      audit(reminded, sender, 'invitation.reminded', id, customer, { after: { reminderCount: 1 } });
    }
    if (answered) {
      const responded = iso(created + Math.floor((1 + random() * 5) * DAY_MS));
      Object.assign(invitation, { respondedAt: responded, lastOpenedAt: invitation.openedAt, version: invitation.version + 1, updatedAt: responded });
      customer.updatedAt = responded;
      if (declined) audit(responded, reader, 'invitation.declined', id, customer, { after: { grantedRights: [] } });
      else {
        customer.indirectProvider = invitation.indirectProvider;
        audit(responded, reader, 'invitation.accepted', id, customer, { after: { grantedRights: granted } });
        audit(responded, reader, 'customer.relationship_activated', customer.id, customer, {
          before: { relationshipState: 'none', grantedRights: [] },
          after: { relationshipState: 'active', grantedRights: granted, indirectProvider: invitation.indirectProvider },
        });
        // Recent acceptances still wait for a staff member's look at the granted rights; older ones were acknowledged.
        customer.rightsToReview = now - Date.parse(responded) < 45 * DAY_MS;
        if (!customer.rightsToReview) {
          const acknowledged = iso(Date.parse(responded) + DAY_MS);
          audit(acknowledged, sender, 'customer.rights_acknowledged', customer.id, customer, { before: { rightsToReview: true }, after: { rightsToReview: false } });
          customer.updatedAt = acknowledged;
        }
      }
    }
    rows.invitations.push(invitation);
  }
  rows.audit_log.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return rows;
}

const ALPEN_PROVIDER = 'ADN Distribution GmbH';

/**
 * The whole demo data set as SQL statements (one INSERT per table chunk). `now` dates the open
 * invitations (a few days old, so they are still open); `passwordHashOf` hashes each demo user's password.
 */
export function demoStatements({ now = Date.now(), passwordHashOf = () => hashPassword(DEMO_PASSWORD) } = {}) {
  const statements = [];
  const add = (table, rows, chunk = 100) => {
    for (let start = 0; start < rows.length; start += chunk) statements.push(insert(table, rows.slice(start, start + chunk)));
  };
  add(
    'resellers',
    demoResellers.map(({ id, name, partnerType }) => ({ id, name, partnerType, currency: 'EUR', indirectProvider: id === 'rs_alpen' ? ALPEN_PROVIDER : '' })),
  );
  // Alpen's order settings show what resellers do with them: an own step before processing starts.
  const alpenStatuses = [
    { code: 'new', label: null, kind: 'open', archived: false },
    { code: 'beim_distributor_bestellt', label: 'Beim Distributor bestellt', kind: 'open', archived: false },
    { code: 'in_progress', label: null, kind: 'open', archived: false },
    { code: 'fulfilled', label: null, kind: 'fulfilled', archived: false },
    { code: 'cancelled', label: null, kind: 'cancelled', archived: false },
  ];
  statements.push(`UPDATE resellers SET order_statuses = ${quote(JSON.stringify(alpenStatuses))} WHERE id = 'rs_alpen';\n`);
  add(
    'users',
    demoUsers.map((user) => ({ ...user, passwordHash: passwordHashOf(), locale: 'de', active: true })),
  );
  add(
    'tags',
    demoTags.map((tag) => ({ ...tag, resellerId: 'rs_alpen', nameKey: tag.name.toLowerCase() })),
  );
  add(
    'custom_fields',
    demoCustomFields.map((field) => ({ ...field, resellerId: 'rs_alpen', options: JSON.stringify(field.options), required: false })),
  );
  const random = prng(7);
  demoResellers.forEach((reseller, index) => {
    const customers = demoCustomers(reseller, 2026 + index).map((customer) => ({ ...customer, rightsToReview: false, indirectProvider: null, updatedAt: customer.createdAt }));
    const tagRows = [];
    for (const customer of customers) {
      if (reseller.id !== 'rs_alpen') continue;
      const own = demoTags.filter(() => random() < 0.18).sort((a, b) => a.name.localeCompare(b.name));
      for (const tag of own) tagRows.push({ resellerId: reseller.id, customerId: customer.id, tagId: tag.id });
      customer.tagsSort = own.map((tag) => tag.name.toLowerCase()).join(' ');
      customer.customFields = JSON.stringify({
        cf_alpen_industry: demoCustomFields[0].options[Math.floor(random() * 5)],
        ...(random() < 0.6 ? { cf_alpen_manager: ['Lena Schmid', 'Markus Huber'][Math.floor(random() * 2)] } : {}),
      });
    }
    const catalog = demoProducts(reseller);
    add('products', catalog);
    const holdings = demoHoldings(reseller, customers, catalog);
    const relationships = demoInvitations(reseller, customers, now, reseller.id === 'rs_alpen' ? ALPEN_PROVIDER : '');
    add('customers', customers);
    add('customer_tags', tagRows, 200);
    for (const [table, rows] of Object.entries({ ...holdings, ...relationships })) add(table, rows);
    const terms = customers.flatMap((customer) => customerSearchTerms(customer).map((term) => ({ resellerId: reseller.id, term, customerId: customer.id })));
    add('customer_search_terms', terms, 300);
    add(
      'customer_match_keys',
      customers.flatMap((customer) => customerMatchKeys(customer).map(({ kind, key }) => ({ resellerId: reseller.id, kind, key, customerId: customer.id }))),
      200,
    );
  });
  return statements;
}

/** The whole demo data set as SQL for `wrangler d1 execute --file`. */
export const demoSql = (options) => demoStatements(options).join('');

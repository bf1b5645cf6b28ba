import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { contactSortText, customerDisplayName } from '../schema/customerName.js';
import { tagsSortKey } from '../schema/customerOrder';
import { customerSortKeys } from '../schema/customerSortKeys.js';
import { customerRights } from '../schema/invitations';
import { roleMatrix } from '../schema/permissions';
import { customerSearchTerms } from '../schema/search.js';
import { refreshCustomerTotals } from '../worker/customers/holdings';
import { tenantScope } from '../worker/db';
import { demoListResellers, demoStaff, loadDemoData, wholeList } from './demo';

type Row = Record<string, unknown>;
const all = async <T = Row>(query: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(query)
      .bind(...params)
      .all<T>()
  ).results;
const json = (value: unknown) => JSON.parse(String(value)) as unknown;

beforeAll(loadDemoData);

describe('demo data: what each customer shows is backed by the records that produce it in the app', () => {
  it('a customer with an open invitation ("Einladung offen") has exactly one, still open, which its relationship panel finds', async () => {
    const pending = await all<{ id: string; reseller_id: string; open: number }>(
      `SELECT c.id, c.reseller_id, (SELECT count(*) FROM invitations i WHERE i.customer_id = c.id AND i.state = 'pending' AND i.expires_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) AS open
       FROM customers c WHERE c.relationship_state = 'pending'`,
    );
    expect(pending.length).toBeGreaterThan(30);
    expect(pending.filter((customer) => customer.open !== 1)).toEqual([]);
    // What staff see on the customer: the latest invitation is the open one, so it can be reminded or revoked.
    for (const reseller of demoListResellers) {
      const staff = await demoStaff(reseller);
      for (const customer of pending.filter((row) => row.reseller_id === reseller.id)) {
        const { body } = await staff.get(`/api/v1/invitations?customerId=${customer.id}&limit=1`);
        expect([customer.id, body.items[0]?.state]).toEqual([customer.id, 'pending']);
      }
    }
  });

  it('no other customer has an open invitation; an active one accepted its latest answered invitation with the rights and provider it shows', async () => {
    const others = await all(`SELECT c.id FROM customers c JOIN invitations i ON i.customer_id = c.id AND i.state = 'pending' WHERE c.relationship_state <> 'pending'`);
    expect(others).toEqual([]);
    const active = await all<Row>(
      `SELECT c.id, c.granted_rights, c.indirect_provider, i.state, i.granted_rights AS invitation_granted, i.requested_rights, i.indirect_provider AS invitation_provider, i.responded_at
       FROM customers c LEFT JOIN invitations i ON i.id = (SELECT id FROM invitations WHERE customer_id = c.id AND responded_at IS NOT NULL ORDER BY responded_at DESC LIMIT 1)
       WHERE c.relationship_state = 'active'`,
    );
    expect(active.length).toBeGreaterThan(200);
    for (const customer of active) {
      expect([customer.id, customer.state, json(customer.invitation_granted), customer.invitation_provider]).toEqual([
        customer.id,
        'accepted',
        json(customer.granted_rights),
        customer.indirect_provider,
      ]);
      // The customer granted only what was asked, and only rights the app knows.
      const requested = json(customer.requested_rights) as string[];
      for (const right of json(customer.granted_rights) as string[])
        expect([customer.id, right, requested.includes(right), customerRights.includes(right as never)]).toEqual([customer.id, right, true, true]);
    }
    const withoutRelationship = await all<Row>(`SELECT id, granted_rights, indirect_provider, rights_to_review FROM customers WHERE relationship_state IN ('none', 'pending')`);
    expect(withoutRelationship.filter((customer) => customer.granted_rights !== '[]' || customer.indirect_provider !== null || customer.rights_to_review !== 0)).toEqual([]);
  });

  it('"zu prüfen" shows exactly where no staff member acknowledged the rights since they were granted', async () => {
    const rows = await all<{ id: string; rights_to_review: number; acknowledged: number }>(
      `SELECT c.id, c.rights_to_review, EXISTS (SELECT 1 FROM audit_log a WHERE a.customer_id = c.id AND a.action = 'customer.rights_acknowledged'
         AND a.created_at >= (SELECT max(responded_at) FROM invitations WHERE customer_id = c.id AND state = 'accepted')) AS acknowledged
       FROM customers c WHERE c.relationship_state = 'active'`,
    );
    expect(rows.filter((row) => row.rights_to_review === 1).length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.rights_to_review === row.acknowledged)).toEqual([]);
  });

  it('every invitation was sent by staff allowed to invite, and each step it shows has its activity-log row', async () => {
    const invitations = await all<Row>(
      `SELECT i.*, u.role, u.reseller_id AS sender_reseller, c.reseller_id AS customer_reseller,
         (SELECT count(*) FROM invitation_reminders r WHERE r.invitation_id = i.id) AS reminders,
         (SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_log a WHERE a.entity_id = i.id ORDER BY a.id)) AS logged
       FROM invitations i JOIN users u ON u.id = i.sent_by_user_id JOIN customers c ON c.id = i.customer_id`,
    );
    expect(invitations.length).toBe(await env.DB.prepare('SELECT count(*) AS n FROM invitations').first('n'));
    for (const invitation of invitations) {
      const steps = ['invitation.created', ...(invitation.opened_at ? ['invitation.opened'] : []), ...(Number(invitation.reminders) > 0 ? ['invitation.reminded'] : [])];
      if (invitation.state === 'accepted' || invitation.state === 'declined') steps.push(`invitation.${invitation.state}`);
      expect([invitation.id, invitation.logged], 'each step logged once, in order').toEqual([invitation.id, steps.join(' ')]);
      expect([invitation.id, invitation.sender_reseller, invitation.customer_reseller]).toEqual([invitation.id, invitation.reseller_id, invitation.reseller_id]);
      expect(roleMatrix[invitation.role as keyof typeof roleMatrix].includes('invitations.manage'), String(invitation.id)).toBe(true);
      expect([invitation.id, invitation.reminder_count]).toEqual([invitation.id, invitation.reminders]);
      if (invitation.responded_at) expect(String(invitation.responded_at) < String(invitation.expires_at), `${invitation.id} answered in time`).toBe(true);
    }
  });

  it('monthly revenue and product count are what the app computes from the subscriptions and licences', async () => {
    const before = await all<Row>('SELECT id, monthly_revenue_cents, product_count FROM customers ORDER BY id');
    expect(before.filter((customer) => Number(customer.product_count) > 0).length).toBeGreaterThan(40);
    const resellers = await all<{ id: string }>('SELECT id FROM resellers');
    // The write path's own recomputation (every write that changes a holding runs it in its batch).
    for (const reseller of resellers) await refreshCustomerTotals(tenantScope(env, { resellerId: reseller.id }), sql`1 = 1`).run();
    expect(await all<Row>('SELECT id, monthly_revenue_cents, product_count FROM customers ORDER BY id')).toEqual(before);
    const orders = await all<Row>(`SELECT o.id, o.total_cents, (SELECT sum(total_cents) FROM order_lines l WHERE l.order_id = o.id) AS lines FROM orders o`);
    expect(orders.filter((order) => order.total_cents !== order.lines)).toEqual([]);
  });

  it('tags, custom field values, sort keys, search terms and the list total are what the write path stores', async () => {
    const customers = await all<Row>(
      `SELECT c.*, (SELECT json_group_array(t.name) FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = c.id) AS tag_names,
         (SELECT json_group_array(term) FROM customer_search_terms s WHERE s.customer_id = c.id) AS terms
       FROM customers c`,
    );
    const fields = await all<{ id: string; reseller_id: string; type: string; options: string }>('SELECT id, reseller_id, type, options FROM custom_fields');
    for (const row of customers) {
      const customer = {
        company: String(row.company),
        contactFirstName: String(row.contact_first_name),
        contactLastName: String(row.contact_last_name),
        city: String(row.city),
        postalCode: String(row.postal_code),
        email: String(row.email),
        primaryDomain: String(row.primary_domain),
        customerNumber: String(row.customer_number),
        phone: String(row.phone),
        mobile: String(row.mobile),
        country: String(row.country),
        microsoftId: String(row.microsoft_id),
      };
      const tagNames = json(row.tag_names) as string[];
      expect([row.id, row.name_sort, row.contact_sort, row.city_sort, row.tags_sort]).toEqual([
        row.id,
        ...Object.values(customerSortKeys(customer)),
        tagsSortKey(tagNames.map((name) => ({ name }))),
      ]);
      expect([row.id, (json(row.terms) as string[]).sort()]).toEqual([row.id, customerSearchTerms(customer).sort()]);
      for (const [fieldId, value] of Object.entries(json(row.custom_fields) as Record<string, unknown>)) {
        const field = fields.find((candidate) => candidate.id === fieldId && candidate.reseller_id === row.reseller_id);
        expect([row.id, fieldId, Boolean(field)]).toEqual([row.id, fieldId, true]);
        if (field?.type === 'choice') expect((json(field.options) as string[]).includes(String(value)), `${row.id} ${fieldId}`).toBe(true);
      }
    }
    const counts = await all<Row>(
      `SELECT r.id, (SELECT listed FROM customer_counts WHERE reseller_id = r.id) AS listed, (SELECT count(*) FROM customers c WHERE c.reseller_id = r.id AND relationship_state <> 'removed' AND archived_at IS NULL) AS customers FROM resellers r`,
    );
    expect(counts.filter((reseller) => reseller.listed !== reseller.customers)).toEqual([]);
  });
});

describe('demo data: the list sorts names, contacts and cities in German order (Intl.Collator("de"))', () => {
  const collator = new Intl.Collator('de');
  const sorts = { name: customerDisplayName, contact: contactSortText, city: (customer: { city: string }) => customer.city } as const;
  for (const reseller of demoListResellers) {
    for (const [sort, shown] of Object.entries(sorts)) {
      it(`${reseller.name}: by ${sort}, both directions, every page, without an inversion`, async () => {
        const staff = await demoStaff(reseller, 'support');
        for (const dir of ['asc', 'desc'] as const) {
          const texts = (await wholeList(staff, `sort=${sort}&dir=${dir}`)).map((customer) => shown(customer));
          expect(texts.length).toBeGreaterThan(20);
          const inversions = texts
            .slice(1)
            .flatMap((text, index) => (Math.sign(collator.compare(texts[index]!, text)) === (dir === 'asc' ? 1 : -1) ? [`${texts[index]} | ${text}`] : []));
          expect(inversions).toEqual([]);
        }
      });
    }
  }
});

import { A } from '@solidjs/router';
import { createMemo, createSignal, For, type JSX, Show } from 'solid-js';
import { type Customer, type CustomerSortField, customerDisplayName } from '../../../schema/customers';
import type { CustomField } from '../../../schema/customFields';
import { TagBadge } from '../../components/TagBadge';
import { type I18n, useI18n } from '../../i18n';
import { readStored, writeStored } from '../../lib/storage';
import { useSession } from '../../session';
import { customTextFromValue } from './customerDraft';
import { IncompleteBadge } from './IncompleteNotice';

export interface Column {
  id: string;
  label: string;
  sort?: CustomerSortField;
  /** The name column identifies the row and cannot be hidden. */
  fixed?: boolean;
  visibleByDefault: boolean;
  numeric?: boolean;
  cell: (customer: Customer) => JSX.Element;
}

const STORAGE_KEY = 'customers.columns';
const dash = (value: string) => value || '–';

export const contactName = (customer: Customer) => [customer.contactFirstName, customer.contactLastName].filter(Boolean).join(' ');

export function RelationshipBadge(props: { state: Customer['relationshipState'] }) {
  const i18n = useI18n();
  return <span class={`badge badge-state-${props.state}`}>{i18n.t(`customers.relationship.${props.state}`)}</span>;
}

function customCell(i18n: I18n, field: CustomField, customer: Customer): string {
  const value = customer.customFields[field.id];
  if (value === null || value === undefined || value === '') return '–';
  if (field.type === 'date' && typeof value === 'string') return i18n.formatDate(value);
  if (field.type === 'number' && typeof value === 'number') return i18n.formatNumber(value);
  return customTextFromValue(field, value, i18n.intlLocale());
}

/**
 * The list's columns and which of them the user shows, remembered per browser. Shown at first: the
 * five the product's list always had (name, phone, city, e-mail, monthly revenue), which fit a 1280 px
 * screen; the number, contact, products, relationship, tags and custom fields are a choice under "Spalten".
 */
export function createColumns(customFields: () => CustomField[]) {
  const i18n = useI18n();
  const session = useSession();
  const [choices, setChoices] = createSignal<Record<string, boolean>>(readStored(STORAGE_KEY, {}));

  const all = createMemo<Column[]>(() => {
    const currency = session.info().reseller.currency;
    const label = (key: Parameters<typeof i18n.t>[0]) => i18n.t(key);
    const base: Column[] = [
      {
        id: 'customerNumber',
        label: label('customers.columns.customerNumber'),
        sort: 'customerNumber',
        visibleByDefault: false,
        cell: (c) => <span class="cell-mono">{c.customerNumber}</span>,
      },
      {
        id: 'name',
        label: label('customers.columns.name'),
        sort: 'name',
        fixed: true,
        visibleByDefault: true,
        cell: (c) => (
          <>
            <A href={`/customers/${encodeURIComponent(c.id)}`} class="cell-link">
              {dash(customerDisplayName(c))}
            </A>
            <IncompleteBadge customer={c} />
          </>
        ),
      },
      { id: 'contact', label: label('customers.columns.contact'), sort: 'contact', visibleByDefault: false, cell: (c) => dash(contactName(c)) },
      { id: 'phone', label: label('customers.columns.phone'), sort: 'phone', visibleByDefault: true, cell: (c) => <span class="cell-nowrap">{dash(c.phone)}</span> },
      { id: 'city', label: label('customers.columns.city'), sort: 'city', visibleByDefault: true, cell: (c) => dash(c.city) },
      {
        id: 'email',
        label: label('customers.columns.email'),
        sort: 'email',
        visibleByDefault: true,
        cell: (c) => (
          <Show when={c.email} fallback="–">
            {/* A long address may wrap after its @. */}
            <a href={`mailto:${c.email}`}>
              {c.email.split('@')[0]}
              <Show when={c.email.includes('@')}>
                @<wbr />
                {c.email.slice(c.email.indexOf('@') + 1)}
              </Show>
            </a>
          </Show>
        ),
      },
      {
        id: 'monthlyRevenue',
        label: label('customers.columns.monthlyRevenue'),
        sort: 'monthlyRevenue',
        numeric: true,
        visibleByDefault: true,
        cell: (c) => i18n.formatMoney(c.monthlyRevenueCents, currency),
      },
      {
        id: 'productCount',
        label: label('customers.columns.productCount'),
        sort: 'productCount',
        numeric: true,
        visibleByDefault: false,
        cell: (c) => i18n.formatNumber(c.productCount),
      },
      {
        id: 'relationshipState',
        label: label('customers.columns.relationshipState'),
        sort: 'relationshipState',
        visibleByDefault: false,
        cell: (c) => <RelationshipBadge state={c.relationshipState} />,
      },
      {
        id: 'tags',
        label: label('customers.columns.tags'),
        sort: 'tags',
        visibleByDefault: false,
        cell: (c) => (
          <Show when={c.tags.length > 0} fallback="–">
            <span class="tag-list">
              <For each={c.tags}>{(tag) => <TagBadge name={tag.name} color={tag.color} />}</For>
            </span>
          </Show>
        ),
      },
      { id: 'microsoftId', label: label('customers.columns.microsoftId'), visibleByDefault: false, cell: (c) => <span class="cell-mono">{dash(c.microsoftId)}</span> },
    ];
    const custom = customFields()
      .filter((field) => !field.archived)
      .map<Column>((field) => ({ id: `cf:${field.id}`, label: field.label, visibleByDefault: false, numeric: field.type === 'number', cell: (c) => customCell(i18n, field, c) }));
    return [...base, ...custom];
  });

  const isVisible = (column: Column) => column.fixed || (choices()[column.id] ?? column.visibleByDefault);
  const visible = createMemo(() => all().filter(isVisible));
  const setVisible = (column: Column, shown: boolean) => {
    const next = { ...choices(), [column.id]: shown };
    setChoices(next);
    writeStored(STORAGE_KEY, next);
  };
  const reset = () => {
    setChoices({});
    writeStored(STORAGE_KEY, {});
  };
  /** Shows exactly these columns (a saved view's); ids of columns that no longer exist are kept for when they return. */
  const show = (ids: readonly string[]) => {
    const next: Record<string, boolean> = Object.fromEntries(all().map((column) => [column.id, ids.includes(column.id)]));
    for (const id of ids) next[id] = true;
    setChoices(next);
    writeStored(STORAGE_KEY, next);
  };

  return { all, visible, isVisible, setVisible, reset, show };
}

export type Columns = ReturnType<typeof createColumns>;

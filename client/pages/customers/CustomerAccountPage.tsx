import { A } from '@solidjs/router';
import { For, Match, Show, Switch } from 'solid-js';
import { customerDisplayName } from '../../../schema/customers';
import type { CustomerAccount } from '../../../schema/orders';
import { openCustomerAccount } from '../../api/relationships';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { RequirePermission } from '../../components/RequirePermission';
import { type I18n, useI18n } from '../../i18n';
import { createFetched } from '../../lib/fetched';
import { ModuleRecordPage } from './moduleGate';
import '../invitations/invitations.css';

const sections = ['subscriptions', 'assets', 'services', 'domains', 'users'] as const;
type Section = (typeof sections)[number];

type Item = CustomerAccount[Section][number];

/** One line per item, named as the customer knows it. */
const itemLabels: { [S in Section]: (item: CustomerAccount[S][number], i18n: I18n) => string } = {
  subscriptions: (item, i18n) => `${item.name} × ${i18n.formatNumber(item.quantity)}`,
  assets: (item, i18n) => `${item.name} (${i18n.formatNumber(item.seatsUsed)}/${i18n.formatNumber(item.seatsTotal)})`,
  services: (item) => item.name,
  domains: (item) => item.name,
  users: (item) => `${item.username} · ${item.email}`,
};
const itemLabel = (section: Section, item: Item, i18n: I18n) => (itemLabels[section] as (item: Item, i18n: I18n) => string)(item, i18n);

function AccountView(props: { id: string }) {
  const i18n = useI18n();
  // Every load is an audited access, so it happens once per visit, not on every render.
  const loaded = createFetched(() => openCustomerAccount(props.id));
  const backHref = () => `/customers/${encodeURIComponent(props.id)}`;
  return (
    <Switch>
      <Match when={loaded.error()}>
        {(error) => (
          <section class="card">
            <ErrorState error={error()} page />
            <p class="account-back">
              <A href={backHref()} class="btn btn-secondary">
                {i18n.t('customers.account.back')}
              </A>
            </p>
          </section>
        )}
      </Match>
      <Match when={loaded.data()}>
        {(data) => (
          <div class="account-view" data-testid="customer-account">
            <div class="account-banner" role="status" data-testid="account-banner">
              <p>{i18n.t('customers.account.banner', { name: customerDisplayName(data().customer) })}</p>
              <A href={backHref()} class="btn btn-secondary btn-small">
                <span aria-hidden="true">← </span>
                {i18n.t('customers.account.back')}
              </A>
            </div>
            <header class="page-header">
              <div>
                <h1 class="page-title">{customerDisplayName(data().customer)}</h1>
                <p class="page-description">
                  {i18n.t('customers.account.title')} · <span class="cell-mono">{data().customer.customerNumber}</span>
                </p>
              </div>
            </header>
            <div class="account-sections">
              <For each={sections}>
                {(section) => (
                  <section class="card" aria-labelledby={`account-${section}`} data-section={section}>
                    <div class="section-header">
                      <h2 class="section-title" id={`account-${section}`}>
                        {i18n.t(`customers.account.sections.${section}`)}
                      </h2>
                      <span class="muted">{i18n.plural({ one: 'customers.account.count.one', other: 'customers.account.count.other' }, data().account[section]?.length ?? 0)}</span>
                    </div>
                    <Show
                      when={(data().account[section]?.length ?? 0) > 0}
                      fallback={<EmptyState title={i18n.t(`customers.view.empty.${section}.title`)} text={i18n.t(`customers.view.empty.${section}.text`)} />}
                    >
                      <ul class="account-items">
                        <For each={data().account[section]}>{(item) => <li>{itemLabel(section, item, i18n)}</li>}</For>
                      </ul>
                    </Show>
                  </section>
                )}
              </For>
            </div>
          </div>
        )}
      </Match>
      <Match when={true}>
        <LoadingState />
      </Match>
    </Switch>
  );
}

/** "Auf das Konto des Kunden zugreifen": the customer's own view, for staff it granted delegated admin. */
export default function CustomerAccountPage() {
  return (
    <ModuleRecordPage
      view={(id) => (
        <RequirePermission anyOf={['customer_account.access']}>
          <AccountView id={id} />
        </RequirePermission>
      )}
    />
  );
}

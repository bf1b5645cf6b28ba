import { For, Match, Show, Switch } from 'solid-js';
import { customerDisplayName, type Customer } from '../../../schema/customers';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { createCursorList } from '../../lib/cursorList';

const dash = (value: string) => value || '–';

export function CustomerList() {
  const i18n = useI18n();
  const list = createCursorList<Customer>('/api/v1/customers');
  const total = () => list.total() ?? list.items().length;

  return (
    <>
      <PageHeader
        title={i18n.t('customers.title')}
        description={i18n.t('customers.description')}
        actions={
          <Show when={!list.loading() && !list.error()}>
            <p class="count" aria-live="polite">
              {i18n.plural({ one: 'customers.total.one', other: 'customers.total.other' }, total())}
            </p>
          </Show>
        }
      />
      <section class="card card-flush">
        <Switch>
          <Match when={list.loading()}>
            <LoadingState />
          </Match>
          <Match when={list.error()}>{(error) => <ErrorState error={error()} onRetry={list.reload} />}</Match>
          <Match when={list.items().length === 0}>
            <EmptyState title={i18n.t('customers.empty.title')} text={i18n.t('customers.empty.text')} />
          </Match>
          <Match when={true}>
            <div class="table-scroll">
              <table class="table" data-testid="customer-list">
                <caption class="visually-hidden">{i18n.t('customers.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{i18n.t('customers.columns.customerNumber')}</th>
                    <th scope="col">{i18n.t('customers.columns.name')}</th>
                    <th scope="col">{i18n.t('customers.columns.contact')}</th>
                    <th scope="col">{i18n.t('customers.columns.phone')}</th>
                    <th scope="col">{i18n.t('customers.columns.city')}</th>
                    <th scope="col">{i18n.t('customers.columns.email')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list.items()}>
                    {(customer) => (
                      <tr>
                        <td class="cell-mono">{customer.customerNumber}</td>
                        <th scope="row" class="cell-strong">
                          {dash(customerDisplayName(customer))}
                        </th>
                        <td>{dash([customer.contactFirstName, customer.contactLastName].filter(Boolean).join(' '))}</td>
                        <td>{dash(customer.phone)}</td>
                        <td>{dash(customer.city)}</td>
                        <td>
                          <Show when={customer.email} fallback="–">
                            <a href={`mailto:${customer.email}`}>{customer.email}</a>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <div class="table-footer">
              <p class="muted">{i18n.t('customers.shown', { shown: i18n.formatNumber(list.items().length), total: i18n.formatNumber(total()) })}</p>
              <LoadMore list={list} />
            </div>
          </Match>
        </Switch>
      </section>
    </>
  );
}

import { useParams } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';

/** Non-Basic resellers lack the module (seed 000): say so and what to do, instead of a failing list. */
export function ModuleGate() {
  const i18n = useI18n();
  const session = useSession();
  return (
    <section class="card gate" data-testid="module-gate" aria-labelledby="module-gate-title">
      <h1 class="page-title" id="module-gate-title">
        {i18n.t('customers.gate.title')}
      </h1>
      <p>{i18n.t('customers.gate.text', { partnerType: i18n.t(`partnerTypes.${session.info().reseller.partnerType}`) })}</p>
    </section>
  );
}

/** A page of the module about one record (`/customers/:id`): the gate, then a fresh view per id. */
export function ModuleRecordPage(props: { view: (id: string) => JSX.Element }) {
  const session = useSession();
  const params = useParams();
  return (
    <Show when={session.info().modules.customers} fallback={<ModuleGate />}>
      <Show when={params.id} keyed>
        {(id) => props.view(id)}
      </Show>
    </Show>
  );
}

const LIST_QUERY_KEY = 'customers.lastListQuery';

/** Remembers the list's search and filters (per tab), so "back to the list" returns to them. */
export function rememberListQuery(search: string): void {
  try {
    sessionStorage.setItem(LIST_QUERY_KEY, search);
  } catch {
    // Storage blocked: "back" then opens the plain list.
  }
}

export function listHref(): string {
  try {
    const search = sessionStorage.getItem(LIST_QUERY_KEY) ?? '';
    return search.startsWith('?') ? `/customers${search}` : '/customers';
  } catch {
    return '/customers';
  }
}

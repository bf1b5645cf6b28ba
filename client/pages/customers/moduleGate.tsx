import { useParams } from '@solidjs/router';
import { type JSX, Show } from 'solid-js';
import { ModuleGate } from '../../components/ModuleGate';
import { useSession } from '../../session';

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

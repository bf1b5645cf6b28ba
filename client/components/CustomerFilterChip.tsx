import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { customerDisplayName } from '../../schema/customers';
import { getCustomer } from '../api/customers';
import { createFetched } from '../lib/fetched';
import { useSession } from '../session';

/**
 * "Kunde: Bäckerei Müller GmbH (10042) ×": a list filtered to one customer (from the customer view)
 * names it as the list shows it, not by its id. A deleted customer has no name any more; its id still
 * filters, so the chip shows the id then.
 */
export function CustomerFilterChip(props: { id: string; text: (name: string) => string; removeLabel: string; onRemove: () => void; testId: string }) {
  const session = useSession();
  const customer = session.can('customers.read') ? createFetched(() => getCustomer(props.id).then((detail) => detail.customer)) : undefined;
  const name = () => {
    const loaded = customer?.data();
    if (loaded) return `${customerDisplayName(loaded)} (${loaded.customerNumber})`;
    return customer?.loading() ? '…' : props.id;
  };
  return (
    <span class="chip" data-testid={props.testId}>
      <Show when={customer?.data()} fallback={<span>{props.text(name())}</span>}>
        <A href={`/customers/${encodeURIComponent(props.id)}`}>{props.text(name())}</A>
      </Show>
      <button type="button" class="chip-remove" aria-label={props.removeLabel} onClick={props.onRemove}>
        <span aria-hidden="true">×</span>
      </button>
    </span>
  );
}

import { type JSX, Show } from 'solid-js';
import { type CompletionField, type Customer, missingCustomerFields } from '../../../schema/customers';
import { useI18n } from '../../i18n';

/** "Straße und Hausnummer, Postleitzahl, Ort" in the user's language. */
export function useMissingText() {
  const i18n = useI18n();
  return (missing: CompletionField[]) => missing.map((field) => i18n.t(`customers.incomplete.fields.${field}`)).join(', ');
}

/** The marker of a customer still lacking a name, e-mail or billing address; nothing for a complete one. */
export function IncompleteBadge(props: { customer: Customer }) {
  const i18n = useI18n();
  const text = useMissingText();
  const missing = () => missingCustomerFields(props.customer);
  return (
    <Show when={missing().length > 0}>
      <span class="badge badge-incomplete" title={text(missing())} data-testid="incomplete-badge">
        {i18n.t('customers.incomplete.badge')}
      </span>
    </Show>
  );
}

/** What an incomplete customer lacks, and what waits for it; `children` adds the place's own hint or action. */
export function IncompleteNotice(props: { customer: Customer; children?: JSX.Element }) {
  const i18n = useI18n();
  const text = useMissingText();
  const missing = () => missingCustomerFields(props.customer);
  return (
    <Show when={missing().length > 0}>
      <div class="alert alert-warning incomplete-notice" role="status" data-testid="incomplete-notice">
        <div>
          <p class="alert-title">{i18n.t('customers.incomplete.title')}</p>
          <p data-testid="incomplete-missing">{i18n.t('customers.incomplete.missing', { fields: text(missing()) })}</p>
          {props.children}
        </div>
      </div>
    </Show>
  );
}

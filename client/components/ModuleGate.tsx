import { useI18n } from '../i18n';
import { useSession } from '../session';

/** Only Basic resellers have the My Customers module: the others are told so and what to do, on every page of it. */
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

import { useLocation } from '@solidjs/router';
import { onMount, Show } from 'solid-js';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { ApiTokensSection } from './ApiTokensSection';
import { CustomFieldsSection } from './CustomFieldsSection';
import { OrderStatusesSection } from './OrderStatusesSection';
import { ProductsSection } from './ProductsSection';
import { ResellerSettingsSection } from './ResellerSettingsSection';
import { StaffSection } from './StaffSection';
import { TagsSection } from './TagsSection';
import { WebhooksSection } from './WebhooksSection';

export default function SettingsPage() {
  const i18n = useI18n();
  const session = useSession();
  const location = useLocation();
  const customerModule = () => session.info().modules.customers;
  // "Tags verwalten" links to /settings#tags: bring that section into view.
  onMount(() => {
    const target = location.hash.slice(1);
    if (target) requestAnimationFrame(() => document.getElementById(target)?.scrollIntoView({ block: 'start' }));
  });
  return (
    <RequirePermission anyOf={['staff.manage', 'settings.manage', 'customers.write']}>
      <PageHeader title={i18n.t('settings.title')} description={i18n.t('settings.description')} />
      <div class="stack">
        <Show when={session.can('staff.manage')}>
          <StaffSection />
        </Show>
        <Show when={session.can('settings.manage')}>
          <ResellerSettingsSection />
        </Show>
        <Show when={customerModule() && session.can('customers.write')}>
          <TagsSection />
        </Show>
        <Show when={customerModule() && session.can('settings.manage')}>
          <CustomFieldsSection />
        </Show>
        <Show when={customerModule() && session.can('settings.manage')}>
          <ProductsSection />
        </Show>
        <Show when={customerModule() && session.can('settings.manage')}>
          <OrderStatusesSection />
        </Show>
        <Show when={session.can('api_tokens.manage')}>
          <ApiTokensSection />
          <WebhooksSection />
        </Show>
      </div>
    </RequirePermission>
  );
}

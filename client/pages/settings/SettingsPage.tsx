import { Show } from 'solid-js';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { ResellerSettingsSection } from './ResellerSettingsSection';
import { StaffSection } from './StaffSection';

export default function SettingsPage() {
  const i18n = useI18n();
  const session = useSession();
  return (
    <RequirePermission anyOf={['staff.manage', 'settings.manage']}>
      <PageHeader title={i18n.t('settings.title')} description={i18n.t('settings.description')} />
      <div class="stack">
        <Show when={session.can('staff.manage')}>
          <StaffSection />
        </Show>
        <Show when={session.can('settings.manage')}>
          <ResellerSettingsSection />
        </Show>
      </div>
    </RequirePermission>
  );
}

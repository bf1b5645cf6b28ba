import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useI18n } from '../../i18n';

export default function InvitationsPage() {
  const i18n = useI18n();
  return (
    <RequirePermission anyOf={['invitations.manage']}>
      <PageHeader title={i18n.t('invitations.title')} description={i18n.t('invitations.description')} />
      <section class="card">
        <EmptyState title={i18n.t('invitations.empty.title')} text={i18n.t('invitations.empty.text')} />
      </section>
    </RequirePermission>
  );
}

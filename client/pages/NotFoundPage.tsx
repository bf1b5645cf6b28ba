import { A } from '@solidjs/router';
import { EmptyState } from '../components/EmptyState';
import { useI18n } from '../i18n';

export default function NotFoundPage() {
  const i18n = useI18n();
  return (
    <section class="card">
      <EmptyState title={i18n.t('notFound.title')} text={i18n.t('notFound.text')}>
        <A href="/customers" class="btn btn-secondary">
          {i18n.t('nav.customers')}
        </A>
      </EmptyState>
    </section>
  );
}

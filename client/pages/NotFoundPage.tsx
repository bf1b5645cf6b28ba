import { NotFound } from '../components/NotFound';
import { useI18n } from '../i18n';

export default function NotFoundPage() {
  const i18n = useI18n();
  return <NotFound title={i18n.t('notFound.title')} text={i18n.t('notFound.text')} backLabel={i18n.t('nav.customers')} testId="page-not-found" />;
}

import { useI18n } from '../i18n';

/** A polite "loading" line; fullPage centres it while the app itself is still starting. */
export function LoadingState(props: { label?: string; fullPage?: boolean }) {
  const i18n = useI18n();
  return (
    <div class="state state-loading" classList={{ 'page-center': props.fullPage }} role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{props.label ?? i18n.t('common.loading')}</span>
    </div>
  );
}

import { Show } from 'solid-js';
import { errorText, useI18n } from '../i18n';
import { StateTitle } from './EmptyState';

/** A failed load, said in the user's language, with a way to try again; `page` when it is all the page shows. */
export function ErrorState(props: { error: unknown; title?: string; page?: boolean; onRetry?: () => void }) {
  const i18n = useI18n();
  return (
    <div class="state state-error" role="alert">
      <StateTitle title={props.title ?? i18n.t('states.errorTitle')} page={props.page} />
      <p class="state-text">{errorText(i18n, props.error)}</p>
      <Show when={props.onRetry}>
        {(retry) => (
          <button type="button" class="btn btn-secondary" onClick={() => retry()()}>
            {i18n.t('common.retry')}
          </button>
        )}
      </Show>
    </div>
  );
}

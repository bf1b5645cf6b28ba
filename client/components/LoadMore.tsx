import { Show } from 'solid-js';
import { errorText, useI18n } from '../i18n';
import type { MoreRows } from '../lib/cursorList';

/** The "Mehr laden" button under a cursor list, with its own error line so loaded rows stay visible. */
export function LoadMore(props: { list: MoreRows }) {
  const i18n = useI18n();
  return (
    <div class="load-more">
      <div aria-live="polite">
        <Show when={props.list.moreError()}>{(error) => <p class="inline-error">{errorText(i18n, error())}</p>}</Show>
      </div>
      <Show when={props.list.nextCursor()}>
        <button type="button" class="btn btn-secondary" disabled={props.list.loadingMore()} onClick={() => void props.list.loadMore()}>
          {props.list.loadingMore() ? i18n.t('common.loadingMore') : i18n.t('common.loadMore')}
        </button>
      </Show>
    </div>
  );
}

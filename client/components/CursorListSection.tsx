import { type JSX, Match, Show, Switch } from 'solid-js';
import type { CursorList } from '../lib/cursorList';
import { ErrorState } from './ErrorState';
import { LoadingState } from './LoadingState';
import { LoadMore } from './LoadMore';

/** A card holding a cursor list's table: loading, error with retry, the empty state, then rows and "Mehr laden". */
export function CursorListSection<T>(props: { list: CursorList<T>; label: string; empty: JSX.Element; children: JSX.Element }) {
  return (
    <section class="card card-flush" aria-label={props.label}>
      <Switch>
        <Match when={props.list.loading()}>
          <LoadingState />
        </Match>
        <Match when={props.list.error()}>{(error) => <ErrorState error={error()} onRetry={() => void props.list.reload()} />}</Match>
        <Match when={props.list.items().length === 0}>{props.empty}</Match>
        <Match when={true}>
          <div class="table-scroll">{props.children}</div>
          <Show when={props.list.nextCursor() || props.list.moreError()}>
            <div class="table-footer">
              <LoadMore list={props.list} />
            </div>
          </Show>
        </Match>
      </Switch>
    </section>
  );
}

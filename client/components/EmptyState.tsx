import { type JSX, Show } from 'solid-js';

/**
 * What a list says when it has nothing yet, and optionally what to do about it. As a whole page
 * (`page`: nothing found at this address) its title is the page's heading.
 */
export function EmptyState(props: { title: string; text?: string; page?: boolean; children?: JSX.Element }) {
  return (
    <div class="state state-empty">
      <StateTitle title={props.title} page={props.page} />
      {props.text && <p class="state-text">{props.text}</p>}
      {props.children}
    </div>
  );
}

/** A state's title: the page's heading when the state is all the page shows, else a line in bold. */
export function StateTitle(props: { title: string; page?: boolean }) {
  return (
    <Show when={props.page} fallback={<p class="state-title">{props.title}</p>}>
      <h1 class="state-title">{props.title}</h1>
    </Show>
  );
}

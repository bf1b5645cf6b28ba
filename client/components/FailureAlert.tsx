import { Show } from 'solid-js';

/** Why a form or dialog action failed, in a polite live region so it is announced when it appears. */
export function FailureAlert(props: { text: string | undefined }) {
  return (
    <div aria-live="polite">
      <Show when={props.text}>
        <p class="alert alert-error">{props.text}</p>
      </Show>
    </div>
  );
}

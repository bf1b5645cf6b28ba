import type { JSX } from 'solid-js';

/** What a list says when it has nothing yet, and optionally what to do about it. */
export function EmptyState(props: { title: string; text?: string; children?: JSX.Element }) {
  return (
    <div class="state state-empty">
      <p class="state-title">{props.title}</p>
      {props.text && <p class="state-text">{props.text}</p>}
      {props.children}
    </div>
  );
}

import type { JSX } from 'solid-js';

export function PageHeader(props: { title: string; description?: string; actions?: JSX.Element }) {
  return (
    <header class="page-header">
      <div>
        <h1 class="page-title">{props.title}</h1>
        {props.description && <p class="page-description">{props.description}</p>}
      </div>
      {props.actions && <div class="page-actions">{props.actions}</div>}
    </header>
  );
}

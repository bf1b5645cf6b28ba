import { A } from '@solidjs/router';
import { EmptyState } from './EmptyState';

/** A page whose address leads nowhere (an unknown path, a customer or order that is gone): its heading says so, and a way back. */
export function NotFound(props: { title: string; text: string; backLabel: string; testId?: string }) {
  return (
    <section class="card" data-testid={props.testId}>
      <EmptyState title={props.title} text={props.text} page>
        <A href="/customers" class="btn btn-secondary">
          {props.backLabel}
        </A>
      </EmptyState>
    </section>
  );
}

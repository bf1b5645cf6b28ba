import { Show } from 'solid-js';
import { tagColors } from '../../schema/tags';
import { useI18n } from '../i18n';

/** A tag as a coloured chip; the colour comes from a fixed palette, never from the data as CSS. */
export function tagColorClass(color: string): string {
  return `tag tag-${(tagColors as readonly string[]).includes(color) ? color : 'gray'}`;
}

export function TagBadge(props: { name: string; color: string; onRemove?: () => void; removing?: boolean }) {
  const i18n = useI18n();
  return (
    <span class={tagColorClass(props.color)}>
      <span class="tag-name">{props.name}</span>
      <Show when={props.onRemove}>
        {(remove) => (
          <button type="button" class="tag-remove" disabled={props.removing} aria-label={i18n.t('tags.removeFrom', { name: props.name })} onClick={() => remove()()}>
            <span aria-hidden="true">×</span>
          </button>
        )}
      </Show>
    </span>
  );
}

import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { A, useNavigate } from '@solidjs/router';
import { createEffect, createSignal, createUniqueId, For, on, onCleanup, Show } from 'solid-js';
import { relationshipStates } from '../../../schema/customers';
import type { Tag } from '../../../schema/tags';
import { Menu } from '../../components/Menu';
import { tagColorClass } from '../../components/TagBadge';
import { useI18n } from '../../i18n';
import { countryOptions } from '../../lib/countries';
import { useSession } from '../../session';
import type { Columns } from './columns';
import type { ListQuery } from './listQuery';

const SEARCH_DELAY_MS = 250;

/** One box over name, contact, e-mail, city, number and domain; the URL follows after a short pause. */
export function SearchBox(props: { query: ListQuery }) {
  const i18n = useI18n();
  const id = createUniqueId();
  const [text, setText] = createSignal(props.query.q());
  let lastSent = props.query.q();
  let timer: number | undefined;

  // Back/forward or a cleared filter changes the URL: show that, unless it is what we just sent.
  createEffect(
    on(
      props.query.q,
      (q) => {
        if (q === lastSent) return;
        lastSent = q;
        setText(q);
      },
      { defer: true },
    ),
  );

  const send = (value: string) => {
    window.clearTimeout(timer);
    lastSent = value.trim();
    props.query.set({ q: lastSent }, { replace: true });
  };
  onCleanup(() => window.clearTimeout(timer));

  return (
    <form
      role="search"
      class="search"
      onSubmit={(event) => {
        event.preventDefault();
        send(text());
      }}
    >
      <label class="visually-hidden" for={id}>
        {i18n.t('customers.search.label')}
      </label>
      <input
        id={id}
        class="input search-input"
        type="search"
        name="q"
        autocomplete="off"
        spellcheck={false}
        maxLength={100}
        placeholder={i18n.t('customers.search.placeholder')}
        value={text()}
        onInput={(event) => {
          const value = event.currentTarget.value;
          setText(value);
          window.clearTimeout(timer);
          timer = window.setTimeout(() => send(value), SEARCH_DELAY_MS);
        }}
      />
    </form>
  );
}

/** Tag filter as a menu: one tag or all, and the way to tag management for those who may edit tags. */
function TagFilter(props: { query: ListQuery; tags: Tag[] }) {
  const i18n = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const current = () => props.tags.find((tag) => tag.id === props.query.tag());
  const triggerText = () => {
    const tag = current();
    if (tag) return i18n.t('customers.filters.tagValue', { name: tag.name });
    return props.query.tag() ? i18n.t('customers.filters.tagUnknown') : i18n.t('customers.filters.tagAll');
  };
  return (
    <Menu placement="bottom-start">
      <DropdownMenu.Trigger class="btn btn-secondary btn-small filter-trigger" classList={{ 'filter-active': Boolean(props.query.tag()) }} data-testid="tag-filter">
        {triggerText()}
        <span class="caret" aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu">
          <DropdownMenu.Group>
            <DropdownMenu.GroupLabel class="menu-group-label">{i18n.t('customers.filters.tag')}</DropdownMenu.GroupLabel>
            <DropdownMenu.RadioGroup value={props.query.tag() ?? ''} onChange={(value) => props.query.set({ tag: value || undefined })}>
              <DropdownMenu.RadioItem value="" class="menu-item">
                <DropdownMenu.ItemIndicator class="menu-item-indicator" aria-hidden="true">
                  ✓
                </DropdownMenu.ItemIndicator>
                <DropdownMenu.ItemLabel>{i18n.t('customers.filters.allTags')}</DropdownMenu.ItemLabel>
              </DropdownMenu.RadioItem>
              <For each={props.tags}>
                {(tag) => (
                  <DropdownMenu.RadioItem value={tag.id} class="menu-item" textValue={tag.name}>
                    <DropdownMenu.ItemIndicator class="menu-item-indicator" aria-hidden="true">
                      ✓
                    </DropdownMenu.ItemIndicator>
                    <DropdownMenu.ItemLabel>
                      <span class={tagColorClass(tag.color)}>{tag.name}</span>
                    </DropdownMenu.ItemLabel>
                  </DropdownMenu.RadioItem>
                )}
              </For>
            </DropdownMenu.RadioGroup>
          </DropdownMenu.Group>
          <Show when={props.tags.length === 0}>
            <p class="menu-note">{i18n.t('tags.none')}</p>
          </Show>
          <Show when={session.can('customers.write')}>
            <DropdownMenu.Separator class="menu-separator" />
            <DropdownMenu.Item class="menu-item" onSelect={() => navigate('/settings#tags')}>
              {i18n.t('tags.manage')}
            </DropdownMenu.Item>
          </Show>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </Menu>
  );
}

function ColumnsMenu(props: { columns: Columns }) {
  const i18n = useI18n();
  return (
    <Menu placement="bottom-end">
      <DropdownMenu.Trigger class="btn btn-secondary btn-small filter-trigger" data-testid="columns-menu">
        {i18n.t('customers.columnsMenu.label')}
        <span class="caret" aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu">
          <DropdownMenu.Group>
            <DropdownMenu.GroupLabel class="menu-group-label">{i18n.t('customers.columnsMenu.title')}</DropdownMenu.GroupLabel>
            <For each={props.columns.all()}>
              {(column) => (
                <DropdownMenu.CheckboxItem
                  class="menu-item"
                  closeOnSelect={false}
                  disabled={column.fixed}
                  checked={props.columns.isVisible(column)}
                  onChange={(checked) => props.columns.setVisible(column, checked)}
                >
                  <DropdownMenu.ItemIndicator class="menu-item-indicator" aria-hidden="true">
                    ✓
                  </DropdownMenu.ItemIndicator>
                  <DropdownMenu.ItemLabel>{column.label}</DropdownMenu.ItemLabel>
                </DropdownMenu.CheckboxItem>
              )}
            </For>
          </DropdownMenu.Group>
          <DropdownMenu.Separator class="menu-separator" />
          <DropdownMenu.Item class="menu-item" closeOnSelect={false} onSelect={props.columns.reset}>
            {i18n.t('customers.columnsMenu.reset')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </Menu>
  );
}

/**
 * Filters above the table: the list, its incomplete customers or the archive, tag, relationship state,
 * country; and which columns show. On a phone the filters fold away behind one button, so the first
 * screen shows customers.
 */
export function ListToolbar(props: { query: ListQuery; tags: Tag[]; columns: Columns }) {
  const i18n = useI18n();
  const listId = createUniqueId();
  const stateId = createUniqueId();
  const countryId = createUniqueId();
  const filtersId = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const activeFilters = () => [props.query.archived(), props.query.tag(), props.query.state(), props.query.country()].filter(Boolean).length;
  return (
    <div class="list-toolbar" role="group" aria-label={i18n.t('customers.filters.label')}>
      <button
        type="button"
        class="btn btn-secondary btn-small filters-toggle"
        classList={{ 'filter-active': activeFilters() > 0 }}
        aria-expanded={open()}
        aria-controls={filtersId}
        onClick={() => setOpen(!open())}
        data-testid="filters-toggle"
      >
        {activeFilters() > 0 ? i18n.t('customers.filters.toggleActive', { count: activeFilters() }) : i18n.t('customers.filters.toggle')}
        <span class="caret" aria-hidden="true" />
      </button>
      <div class="list-filters" id={filtersId} data-open={open() || undefined}>
        <div class="inline-field">
          <label for={listId}>{i18n.t('customers.filters.list')}</label>
          <select
            id={listId}
            class="input input-compact"
            classList={{ 'filter-active': props.query.archived() || props.query.incomplete() }}
            data-testid="archive-filter"
            onChange={(event) => {
              const shown = event.currentTarget.value;
              props.query.set({ archived: shown === 'archived' ? '1' : undefined, incomplete: shown === 'incomplete' ? '1' : undefined });
            }}
          >
            <option value="" selected={!props.query.archived() && !props.query.incomplete()}>
              {i18n.t('customers.filters.current')}
            </option>
            <option value="incomplete" selected={props.query.incomplete() && !props.query.archived()}>
              {i18n.t('customers.filters.incomplete')}
            </option>
            <option value="archived" selected={props.query.archived()}>
              {i18n.t('customers.filters.archived')}
            </option>
          </select>
        </div>
        <TagFilter query={props.query} tags={props.tags} />
        <div class="inline-field">
          <label for={stateId}>{i18n.t('customers.filters.state')}</label>
          <select
            id={stateId}
            class="input input-compact"
            classList={{ 'filter-active': Boolean(props.query.state()) }}
            data-testid="state-filter"
            onChange={(event) => props.query.set({ state: event.currentTarget.value })}
          >
            <option value="" selected={!props.query.state()}>
              {i18n.t('customers.filters.all')}
            </option>
            <For each={relationshipStates}>
              {(state) => (
                <option value={state} selected={props.query.state() === state}>
                  {i18n.t(`customers.relationship.${state}`)}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="inline-field">
          <label for={countryId}>{i18n.t('customers.filters.country')}</label>
          <select
            id={countryId}
            class="input input-compact"
            classList={{ 'filter-active': Boolean(props.query.country()) }}
            data-testid="country-filter"
            onChange={(event) => props.query.set({ country: event.currentTarget.value })}
          >
            <option value="" selected={!props.query.country()}>
              {i18n.t('customers.filters.all')}
            </option>
            <For each={countryOptions(i18n.intlLocale())}>
              {(country) => (
                <option value={country.code} selected={props.query.country() === country.code}>
                  {country.name}
                </option>
              )}
            </For>
          </select>
        </div>
        <Show when={props.query.hasFilters()}>
          <button type="button" class="btn btn-ghost btn-small" onClick={props.query.clear}>
            {i18n.t('customers.filters.clear')}
          </button>
        </Show>
      </div>
      <div class="toolbar-end">
        {/* Beside the filters rather than in the header, whose actions stay on one line at 1280 px. */}
        <A href="/customers/duplicates" class="btn btn-ghost btn-small" data-testid="duplicates-link">
          {i18n.t('duplicates.link')}
        </A>
        <ColumnsMenu columns={props.columns} />
      </div>
    </div>
  );
}

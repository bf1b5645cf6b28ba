import { A } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import type { Tag } from '../../../schema/tags';
import { deleteTag } from '../../api/tags';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { TagBadge } from '../../components/TagBadge';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n';
import { fetchTags } from '../../lib/resources';
import { TagDialog } from './TagDialog';

/** Tags: create, rename, recolour, delete (which removes the tag from its customers). */
export function TagsSection() {
  const i18n = useI18n();
  const toast = useToast();
  const tags = fetchTags();
  const [editing, setEditing] = createSignal<{ tag?: Tag }>();
  const [deleting, setDeleting] = createSignal<Tag>();

  const saved = (tag: Tag, created: boolean) => {
    toast.show('success', i18n.t(created ? 'tags.created' : 'tags.updated', { name: tag.name }));
    void tags.refetch();
  };

  async function remove(tag: Tag) {
    await deleteTag(tag.id);
    toast.show('success', i18n.t('tags.deleted', { name: tag.name }));
    void tags.refetch();
  }

  return (
    <section class="card" id="tags" aria-labelledby="tags-title" data-testid="tags-section">
      <div class="section-header">
        <div>
          <h2 class="section-title" id="tags-title">
            {i18n.t('tags.title')}
          </h2>
          <p class="muted">{i18n.t('tags.description')}</p>
        </div>
        <button type="button" class="btn btn-primary" onClick={() => setEditing({})}>
          {i18n.t('tags.create')}
        </button>
      </div>
      <Switch>
        <Match when={tags.error()}>{(error) => <ErrorState error={error()} onRetry={() => void tags.refetch()} />}</Match>
        <Match when={tags.loading() && !tags.data()}>
          <LoadingState />
        </Match>
        <Match when={tags.data()?.length === 0}>
          <p class="muted">{i18n.t('tags.empty')}</p>
        </Match>
        <Match when={tags.data()}>
          {(list) => (
            <div class="table-scroll">
              <table class="table">
                <caption class="visually-hidden">{i18n.t('tags.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{i18n.t('tags.name')}</th>
                    <th scope="col">{i18n.t('tags.color')}</th>
                    <th scope="col" class="cell-numeric">
                      {i18n.t('tags.customerCount')}
                    </th>
                    <th scope="col">{i18n.t('settings.staff.columns.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(tag) => (
                      <tr>
                        <th scope="row">
                          <TagBadge name={tag.name} color={tag.color} />
                        </th>
                        <td>{i18n.tryT(`tags.colors.${tag.color}`) ?? tag.color}</td>
                        <td class="cell-numeric">
                          <A href={`/customers?tag=${encodeURIComponent(tag.id)}`}>
                            {i18n.formatNumber(tag.customerCount)}
                            <span class="visually-hidden"> – {i18n.t('tags.showCustomers', { name: tag.name })}</span>
                          </A>
                        </td>
                        <td>
                          <div class="row-actions">
                            <button type="button" class="btn btn-secondary btn-small" aria-label={i18n.t('tags.editFor', { name: tag.name })} onClick={() => setEditing({ tag })}>
                              {i18n.t('common.edit')}
                            </button>
                            <button
                              type="button"
                              class="btn btn-secondary btn-small btn-danger-outline"
                              aria-label={i18n.t('tags.deleteFor', { name: tag.name })}
                              onClick={() => setDeleting(tag)}
                            >
                              {i18n.t('common.delete')}
                            </button>
                          </div>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </Match>
      </Switch>
      <TagDialog open={Boolean(editing())} onOpenChange={(open) => !open && setEditing(undefined)} tag={editing()?.tag} onSaved={saved} />
      <Show when={deleting()}>
        {(tag) => (
          <ConfirmDialog
            open
            onOpenChange={(open) => !open && setDeleting(undefined)}
            title={i18n.t('tags.deleteTitle')}
            text={i18n.plural({ one: 'tags.deleteConfirm.one', other: 'tags.deleteConfirm.other' }, tag().customerCount, { name: tag().name })}
            confirmLabel={i18n.t('common.delete')}
            danger
            onConfirm={() => remove(tag())}
          />
        )}
      </Show>
    </section>
  );
}

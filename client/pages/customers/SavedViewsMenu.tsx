import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { type SavedView, type SavedViewVisibility, savedViewInput, savedViewVisibilities } from '../../../schema/savedViews';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { Menu } from '../../components/Menu';
import { useToast } from '../../components/Toast';
import { errorText, useI18n } from '../../i18n';
import { checkWith, createForm } from '../../lib/form';
import type { SavedViews } from './savedViews';

type DialogMode = { kind: 'save' } | { kind: 'rename'; view: SavedView };

/** "Ansicht speichern": a name, and whether it is for oneself or the whole team; or a new name for a view. */
function SaveViewDialog(props: { mode: DialogMode | undefined; onClose: () => void; views: SavedViews }) {
  const i18n = useI18n();
  const toast = useToast();
  const radioName = createUniqueId();
  const renaming = () => (props.mode?.kind === 'rename' ? props.mode.view : undefined);
  // A renamed view keeps whom it is for and what it shows; a new one shows what the list shows now.
  const form = createForm({
    initial: () => ({ name: renaming()?.name ?? '', visibility: 'private' as SavedViewVisibility }),
    check: checkWith(savedViewInput, ({ name, visibility }: { name: string; visibility: SavedViewVisibility }) => {
      const view = renaming();
      return { name, visibility: view?.visibility ?? visibility, state: view?.state ?? props.views.current() };
    }),
  });

  async function submit() {
    const view = renaming();
    const saved = await form.submit((input) => (view ? props.views.rename(view, input.name) : props.views.create(input)));
    if (!saved) return;
    toast.show('success', i18n.t(view ? 'savedViews.renamed' : 'savedViews.saved', { name: saved.name }));
    props.onClose();
  }

  return (
    <FormDialog
      open={Boolean(props.mode)}
      onOpenChange={(open) => !open && props.onClose()}
      title={i18n.t(renaming() ? 'savedViews.renameTitle' : 'savedViews.saveTitle')}
      description={renaming() ? undefined : i18n.t('savedViews.saveDescription')}
      form={form}
      submitLabel={i18n.t(renaming() ? 'savedViews.rename' : 'savedViews.save')}
      onSubmit={() => void submit()}
      testId="save-view-form"
    >
      <Field label={i18n.t('savedViews.name')} required error={form.error('name')}>
        {(control) => (
          <input
            {...control}
            class="input"
            name="name"
            maxLength={60}
            autocomplete="off"
            value={form.values.name}
            onInput={(event) => form.set('name', event.currentTarget.value)}
          />
        )}
      </Field>
      <Show when={!renaming()}>
        <fieldset class="form-group">
          <legend class="field-label">{i18n.t('savedViews.visibility')}</legend>
          <For each={savedViewVisibilities}>
            {(option) => (
              <label class="radio-option">
                <input type="radio" class="radio" name={radioName} value={option} checked={form.values.visibility === option} onChange={() => form.set('visibility', option)} />
                <span>{i18n.t(`savedViews.visibilities.${option}`)}</span>
              </label>
            )}
          </For>
        </fieldset>
      </Show>
    </FormDialog>
  );
}

function ViewItems(props: { title: string; views: SavedView[]; defaultId: string | null | undefined }) {
  const i18n = useI18n();
  return (
    <Show when={props.views.length > 0}>
      <DropdownMenu.Group>
        <DropdownMenu.GroupLabel class="menu-group-label">{props.title}</DropdownMenu.GroupLabel>
        <For each={props.views}>
          {(view) => (
            <DropdownMenu.RadioItem value={view.id} class="menu-item" textValue={view.name} data-testid="saved-view-item">
              <DropdownMenu.ItemIndicator class="menu-item-indicator" aria-hidden="true">
                ✓
              </DropdownMenu.ItemIndicator>
              <DropdownMenu.ItemLabel>
                {view.name}
                <Show when={props.defaultId === view.id}>
                  <span class="menu-item-note"> ({i18n.t('savedViews.default')})</span>
                </Show>
              </DropdownMenu.ItemLabel>
            </DropdownMenu.RadioItem>
          )}
        </For>
      </DropdownMenu.Group>
    </Show>
  );
}

/** Beside the search: choose a saved view, save the list as one, and manage the active one. */
export function SavedViewsMenu(props: { views: SavedViews }) {
  const i18n = useI18n();
  const toast = useToast();
  const [dialog, setDialog] = createSignal<DialogMode>();
  const [deleting, setDeleting] = createSignal<SavedView>();
  // Held here: left to Kobalte, the first click on the trigger after choosing a view (which navigates) was swallowed.
  const [menuOpen, setMenuOpen] = createSignal(false);
  const views = props.views;
  const list = () => views.views() ?? [];
  const team = () => list().filter((view) => view.visibility === 'team');
  const mine = () => list().filter((view) => view.visibility === 'private');

  const fail = (error: unknown) => toast.show('error', errorText(i18n, error));

  async function saveChanges(view: SavedView) {
    try {
      const saved = await views.saveChanges(view);
      toast.show('success', i18n.t('savedViews.updated', { name: saved.name }));
    } catch (error) {
      fail(error);
    }
  }

  async function chooseDefault(viewId: string | null) {
    try {
      await views.chooseDefault(viewId);
      toast.show('success', viewId ? i18n.t('savedViews.defaultSet', { name: views.active()?.name ?? '' }) : i18n.t('savedViews.defaultCleared'));
    } catch (error) {
      fail(error);
    }
  }

  async function remove(view: SavedView) {
    await views.delete(view);
    toast.show('success', i18n.t('savedViews.deleted', { name: view.name }));
  }

  const triggerText = () => {
    const view = views.active();
    return view ? i18n.t('savedViews.activeLabel', { name: view.name }) : i18n.t('savedViews.menu');
  };

  return (
    <>
      <Menu placement="bottom-end" open={menuOpen()} onOpenChange={setMenuOpen}>
        <DropdownMenu.Trigger class="btn btn-secondary filter-trigger views-trigger" classList={{ 'filter-active': Boolean(views.active()) }} data-testid="views-menu">
          <span data-testid="active-view">{triggerText()}</span>
          <Show when={views.modified()}>
            <span class="badge badge-modified" data-testid="view-modified">
              {i18n.t('savedViews.modified')}
            </span>
          </Show>
          <span class="caret" aria-hidden="true" />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content class="menu views-menu">
            <DropdownMenu.RadioGroup
              value={views.active()?.id ?? ''}
              onChange={(id) => {
                const view = list().find((row) => row.id === id);
                setMenuOpen(false);
                if (view) views.apply(view);
              }}
            >
              <ViewItems title={i18n.t('savedViews.team')} views={team()} defaultId={views.defaultId()} />
              <ViewItems title={i18n.t('savedViews.mine')} views={mine()} defaultId={views.defaultId()} />
            </DropdownMenu.RadioGroup>
            <Show when={views.views.loading}>
              <p class="menu-note">{i18n.t('common.loading')}</p>
            </Show>
            <Show when={views.views.error}>
              <p class="menu-note">{errorText(i18n, views.views.error)}</p>
            </Show>
            <Show when={!views.views.loading && !views.views.error && list().length === 0}>
              <p class="menu-note">{i18n.t('savedViews.none')}</p>
            </Show>
            <DropdownMenu.Separator class="menu-separator" />
            <Show when={views.canSave()}>
              <DropdownMenu.Item class="menu-item" onSelect={() => setDialog({ kind: 'save' })} data-testid="save-view">
                {i18n.t('savedViews.saveAs')}
              </DropdownMenu.Item>
            </Show>
            <Show when={views.active()}>
              {(view) => (
                <>
                  <Show when={views.canSave() && views.modified()}>
                    <DropdownMenu.Item class="menu-item" onSelect={() => void saveChanges(view())} data-testid="update-view">
                      {i18n.t('savedViews.saveChanges', { name: view().name })}
                    </DropdownMenu.Item>
                  </Show>
                  <Show
                    when={views.defaultId() === view().id}
                    fallback={
                      <DropdownMenu.Item class="menu-item" onSelect={() => void chooseDefault(view().id)} data-testid="make-default">
                        {i18n.t('savedViews.makeDefault')}
                      </DropdownMenu.Item>
                    }
                  >
                    <DropdownMenu.Item class="menu-item" onSelect={() => void chooseDefault(null)} data-testid="clear-default">
                      {i18n.t('savedViews.clearDefault')}
                    </DropdownMenu.Item>
                  </Show>
                  <Show when={views.canSave()}>
                    <DropdownMenu.Item class="menu-item" onSelect={() => setDialog({ kind: 'rename', view: view() })} data-testid="rename-view">
                      {i18n.t('savedViews.renameAction')}
                    </DropdownMenu.Item>
                    <DropdownMenu.Item class="menu-item menu-item-danger" onSelect={() => setDeleting(view())} data-testid="delete-view">
                      {i18n.t('savedViews.deleteAction')}
                    </DropdownMenu.Item>
                  </Show>
                </>
              )}
            </Show>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </Menu>
      <SaveViewDialog mode={dialog()} onClose={() => setDialog(undefined)} views={views} />
      <ConfirmDialog
        open={Boolean(deleting())}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title={i18n.t('savedViews.deleteTitle')}
        text={i18n.t(deleting()?.visibility === 'team' ? 'savedViews.deleteTeamConfirm' : 'savedViews.deleteConfirm', { name: deleting()?.name ?? '' })}
        confirmLabel={i18n.t('savedViews.deleteAction')}
        danger
        onConfirm={() => remove(deleting()!)}
      />
    </>
  );
}

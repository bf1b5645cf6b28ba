import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { createSignal, For, Show } from 'solid-js';
import type { Locale } from '../../schema/common';
import { type CsvSeparator, defaultSeparator, type ExportFormat, type ExportScope, exportFormats, XLS_MAX_DATA_ROWS } from '../../schema/exports';
import type { DownloadedFile } from '../api';
import { Menu } from '../components/Menu';
import { useToast } from '../components/Toast';
import { type TextKey, useI18n } from '../i18n';
import { errorText } from '../i18n/errors';
import { saveBlob } from '../lib/saveBlob';
import './export.css';

/** What the menu asks for besides the list's query: which rows, the file's format, separator and language. */
export interface ExportChoice {
  scope: ExportScope;
  format: ExportFormat;
  lang: Locale;
  separator?: CsvSeparator;
}

export interface ExportMenuProps<View extends object> {
  /** The list's own search, filters and sort, so "current view" exports exactly what is shown; the sort applies to both scopes. */
  view: () => View;
  /** The list's export route (client/api/), given the list's query and the choice. */
  exportFile: (options: Partial<View> & ExportChoice, fallbackName: string) => Promise<DownloadedFile>;
  /** The file each format makes, as the menu shows it (the server's name wins when it answers). */
  fileNames: Record<ExportFormat, string>;
  scopeLabels: Record<ExportScope, TextKey>;
  /** The number of rows an export would hold, when the page knows it: .xls is offered only when it fits. */
  rowsFor?: (scope: ExportScope) => number | undefined;
  testId: string;
}

/**
 * The "Excel" button beside a list's search: Customer.xls, .xlsx or .csv of the whole list
 * or of the current view. The file is fetched (so an error is our JSON and shown as a toast),
 * then handed to the browser under the server's name.
 */
export function ExportMenu<View extends object>(props: ExportMenuProps<View>) {
  const i18n = useI18n();
  const toast = useToast();
  const [scope, setScope] = createSignal<ExportScope>('all');
  const [chosenSeparator, setChosenSeparator] = createSignal<CsvSeparator>();
  const separator = () => chosenSeparator() ?? defaultSeparator(i18n.locale());
  const [busy, setBusy] = createSignal(false);

  const xlsTooLarge = () => (props.rowsFor?.(scope()) ?? 0) > XLS_MAX_DATA_ROWS;

  function options(format: ExportFormat): Partial<View> & ExportChoice {
    const view = props.view();
    // The whole list still comes in the order the list is sorted in.
    const { sort, dir } = view as { sort?: string; dir?: string };
    const rows = (scope() === 'view' ? view : { sort, dir }) as Partial<View>;
    return { ...rows, format, scope: scope(), lang: i18n.locale(), ...(format === 'csv' ? { separator: separator() } : {}) };
  }

  async function run(format: ExportFormat) {
    if (busy()) return;
    setBusy(true);
    try {
      const { blob, fileName } = await props.exportFile(options(format), props.fileNames[format]);
      saveBlob(blob, fileName);
      toast.show('success', i18n.t('export.downloaded', { name: fileName }));
    } catch (error) {
      toast.show('error', errorText(i18n, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Menu placement="bottom-end">
      <DropdownMenu.Trigger class="btn btn-secondary export-trigger" disabled={busy()} aria-busy={busy()} data-testid={props.testId}>
        <Show when={busy()} fallback={<span class="export-icon" aria-hidden="true" />}>
          <span class="spinner export-spinner" aria-hidden="true" />
        </Show>
        {/* The visible word ("Excel") stays part of the name, so speech control can say it. */}
        <Show when={!busy()}>
          <span class="visually-hidden">{i18n.t('export.buttonLabel')}: </span>
        </Show>
        <span>{busy() ? i18n.t('export.busy') : i18n.t('export.button')}</span>
        <span class="caret" aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu menu-wide export-menu" data-testid={`${props.testId}-menu`}>
          <DropdownMenu.Group>
            <DropdownMenu.GroupLabel class="menu-group-label">{i18n.t('export.scopeTitle')}</DropdownMenu.GroupLabel>
            <DropdownMenu.RadioGroup value={scope()} onChange={(value) => setScope(value as ExportScope)}>
              <For each={['all', 'view'] as const}>
                {(value) => (
                  <DropdownMenu.RadioItem value={value} class="menu-item" closeOnSelect={false}>
                    <DropdownMenu.ItemIndicator class="menu-item-indicator" aria-hidden="true">
                      ✓
                    </DropdownMenu.ItemIndicator>
                    <DropdownMenu.ItemLabel>{i18n.t(props.scopeLabels[value])}</DropdownMenu.ItemLabel>
                  </DropdownMenu.RadioItem>
                )}
              </For>
            </DropdownMenu.RadioGroup>
          </DropdownMenu.Group>
          <DropdownMenu.Separator class="menu-separator" />
          <DropdownMenu.Group>
            <DropdownMenu.GroupLabel class="menu-group-label">{i18n.t('export.separatorTitle')}</DropdownMenu.GroupLabel>
            <DropdownMenu.RadioGroup value={separator()} onChange={(value) => setChosenSeparator(value as CsvSeparator)}>
              <DropdownMenu.RadioItem value=";" class="menu-item" closeOnSelect={false}>
                <DropdownMenu.ItemIndicator class="menu-item-indicator" aria-hidden="true">
                  ✓
                </DropdownMenu.ItemIndicator>
                <DropdownMenu.ItemLabel>{i18n.t('export.separator.semicolon')}</DropdownMenu.ItemLabel>
              </DropdownMenu.RadioItem>
              <DropdownMenu.RadioItem value="," class="menu-item" closeOnSelect={false}>
                <DropdownMenu.ItemIndicator class="menu-item-indicator" aria-hidden="true">
                  ✓
                </DropdownMenu.ItemIndicator>
                <DropdownMenu.ItemLabel>{i18n.t('export.separator.comma')}</DropdownMenu.ItemLabel>
              </DropdownMenu.RadioItem>
            </DropdownMenu.RadioGroup>
          </DropdownMenu.Group>
          <DropdownMenu.Separator class="menu-separator" />
          <DropdownMenu.Group>
            <DropdownMenu.GroupLabel class="menu-group-label">{i18n.t('export.formatsTitle')}</DropdownMenu.GroupLabel>
            <For each={exportFormats}>
              {(format) => (
                <DropdownMenu.Item class="menu-item" disabled={format === 'xls' && xlsTooLarge()} onSelect={() => void run(format)} data-format={format}>
                  {/* Plain spans: the item's name is all its visible text, the reason included. */}
                  <span>{i18n.t(`export.formats.${format}`, { name: props.fileNames[format] })}</span>
                  <Show when={format === 'xls' && xlsTooLarge()}>
                    <span class="menu-item-description">{i18n.t('export.xlsTooLarge')}</span>
                  </Show>
                </DropdownMenu.Item>
              )}
            </For>
          </DropdownMenu.Group>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </Menu>
  );
}

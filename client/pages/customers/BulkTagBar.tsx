import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { A } from '@solidjs/router';
import { createSignal, For, type JSX, Show } from 'solid-js';
import type { Customer } from '../../../schema/customers';
import { type CsvSeparator, defaultSeparator, type ExportFormat } from '../../../schema/exports';
import type { CustomerRight } from '../../../schema/invitations';
import { customerRights } from '../../../schema/invitations';
import { EXPORT_FILE_HOURS } from '../../../schema/jobs';
import type { Tag } from '../../../schema/tags';
import { type BulkAction, type BulkActions, startBulkJob } from '../../api/bulkCustomers';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Menu } from '../../components/Menu';
import { tagColorClass } from '../../components/TagBadge';
import { useToast } from '../../components/Toast';
import { errorText, type TextKey, useI18n } from '../../i18n';
import { useSession } from '../../session';
import { orderedRights, RightsChecklist } from '../invitations/rights';
import { jobTitle } from '../jobs/jobText';
import type { ListQuery } from './listQuery';

/** XLSX first: it holds any number of rows and keeps types; the old .xls and CSV on request. */
const bulkExportFormats = ['xlsx', 'xls', 'csv'] as const satisfies readonly ExportFormat[];
const customerFileNames: Record<ExportFormat, string> = { xls: 'Customer.xls', xlsx: 'Customers.xlsx', csv: 'Customers.csv' };

/** The export dialog's choices: the file format and, for CSV, the separator (the language's own by default). */
function ExportOptions(props: { format: ExportFormat; onFormat: (format: ExportFormat) => void; separator: CsvSeparator; onSeparator: (separator: CsvSeparator) => void }) {
  const i18n = useI18n();
  return (
    <>
      <fieldset class="form-group" data-testid="bulk-export-formats">
        <legend class="field-label">{i18n.t('customers.bulk.exportFormat')}</legend>
        <For each={bulkExportFormats}>
          {(option) => (
            <label class="radio-option">
              <input type="radio" class="radio" name="bulk-export-format" value={option} checked={props.format === option} onChange={() => props.onFormat(option)} />
              <span>{i18n.t(`export.formats.${option}`, { name: customerFileNames[option] })}</span>
            </label>
          )}
        </For>
      </fieldset>
      <Show when={props.format === 'csv'}>
        <fieldset class="form-group">
          <legend class="field-label">{i18n.t('export.separatorTitle')}</legend>
          <For
            each={
              [
                [';', 'semicolon'],
                [',', 'comma'],
              ] as const
            }
          >
            {([value, key]) => (
              <label class="radio-option">
                <input type="radio" class="radio" name="bulk-export-separator" value={value} checked={props.separator === value} onChange={() => props.onSeparator(value)} />
                <span>{i18n.t(`export.separator.${key}`)}</span>
              </label>
            )}
          </For>
        </fieldset>
      </Show>
    </>
  );
}

function TagMenu(props: { label: string; tags: Tag[]; empty: TextKey; disabled: boolean; onPick: (tag: Tag) => void; testId: string }) {
  const i18n = useI18n();
  return (
    <Menu placement="bottom-start">
      <DropdownMenu.Trigger class="btn btn-secondary btn-small" disabled={props.disabled} data-testid={props.testId}>
        {props.label}
        <span class="caret" aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu">
          <For each={props.tags} fallback={<p class="menu-note">{i18n.t(props.empty)}</p>}>
            {(tag) => (
              <DropdownMenu.Item class="menu-item" textValue={tag.name} onSelect={() => props.onPick(tag)}>
                <span class={tagColorClass(tag.color)}>{tag.name}</span>
              </DropdownMenu.Item>
            )}
          </For>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </Menu>
  );
}

/**
 * Appears while rows are selected: bulk actions on them, or on every customer the current search and
 * filters match ("select all"). Each action starts a background job (POST /customers/bulk/<action>)
 * whose progress and report every colleague sees in the job tray.
 */
export function BulkTagBar(props: {
  selectedIds: string[];
  selectedCustomers: Customer[];
  /** Every customer of the list, not only the loaded rows: the job resolves the filter when it starts. */
  matchAll: boolean;
  onMatchAll: (on: boolean) => void;
  /** How many customers the list matches (for "select all"), when known. */
  matching: number | undefined;
  /** The list matches more than `matching` customers (its count stops at a cap). */
  matchingCapped: boolean;
  query: ListQuery;
  tags: Tag[];
  onStarted: () => void;
  onClear: () => void;
  /** More actions for the selection, e.g. a new order when one customer is selected. */
  children?: JSX.Element;
}) {
  const i18n = useI18n();
  const toast = useToast();
  const session = useSession();
  const [busy, setBusy] = createSignal(false);
  const [inviting, setInviting] = createSignal(false);
  const [archiving, setArchiving] = createSignal(false);
  const [exporting, setExporting] = createSignal(false);
  const [format, setFormat] = createSignal<ExportFormat>('xlsx');
  const [separator, setSeparator] = createSignal<CsvSeparator>(defaultSeparator(i18n.locale()));
  const [rights, setRights] = createSignal<CustomerRight[]>(['delegated_admin']);
  const count = () => (props.matchAll ? (props.matching ?? props.selectedIds.length) : props.selectedIds.length);
  // Only tags that at least one selected (loaded) customer carries can be removed; for the whole list, any.
  const removable = () =>
    props.matchAll ? props.tags : props.tags.filter((tag) => props.selectedCustomers.some((customer) => customer.tags.some((carried) => carried.id === tag.id)));

  function target() {
    if (!props.matchAll) {
      // In the list's order, not the order of the clicks: the report and an export's file follow it.
      const shown = props.selectedCustomers.map((customer) => customer.id);
      return { customerIds: [...shown, ...props.selectedIds.filter((id) => !shown.includes(id))] };
    }
    const query = props.query;
    return {
      filter: {
        q: query.q(),
        ...(query.tag() ? { tag: query.tag() } : {}),
        ...(query.state() ? { state: query.state() } : {}),
        ...(query.country() ? { country: query.country() } : {}),
        ...(query.incomplete() ? { incomplete: '1' } : {}),
      },
    };
  }

  /** Starts the job; a refusal (403, 404, 422) stays with the caller (a toast, or the dialog's alert). */
  async function start<A extends BulkAction>(action: A, body: Omit<BulkActions[A], 'customerIds' | 'filter'>) {
    const job = await startBulkJob(action, { ...target(), ...body } as BulkActions[A]);
    toast.show('success', i18n.t('jobs.started', { title: jobTitle(i18n, job) }));
    props.onStarted();
  }

  async function startFromMenu(action: 'tag' | 'untag', tag: Tag) {
    setBusy(true);
    try {
      await start(action, { tagId: tag.id });
    } catch (error) {
      toast.show('error', errorText(i18n, error));
    } finally {
      setBusy(false);
    }
  }

  const everyLoadedSelected = () => props.matching !== undefined && props.matching > props.selectedIds.length;

  return (
    <div class="bulk-bar" role="region" aria-label={i18n.t('customers.bulk.label')} data-testid="bulk-bar">
      <p class="bulk-count" aria-live="polite">
        {props.matchAll && props.matchingCapped
          ? i18n.t('customers.bulk.allSelectedMore', { count: i18n.formatNumber(count()) })
          : props.matchAll
            ? i18n.plural({ one: 'customers.bulk.allSelected.one', other: 'customers.bulk.allSelected.other' }, count())
            : i18n.plural({ one: 'customers.bulk.selected.one', other: 'customers.bulk.selected.other' }, count())}
      </p>
      <Show when={!props.matchAll && everyLoadedSelected()}>
        <button type="button" class="btn btn-ghost btn-small" onClick={() => props.onMatchAll(true)} data-testid="bulk-select-all">
          {props.matchingCapped
            ? i18n.t('customers.bulk.selectAllMore', { count: i18n.formatNumber(props.matching ?? 0) })
            : i18n.plural({ one: 'customers.bulk.selectAll.one', other: 'customers.bulk.selectAll.other' }, props.matching ?? 0)}
        </button>
      </Show>
      <Show when={session.can('customers.write')}>
        <TagMenu
          label={i18n.t('customers.bulk.assign')}
          tags={props.tags}
          empty="tags.none"
          disabled={busy()}
          onPick={(tag) => void startFromMenu('tag', tag)}
          testId="bulk-assign"
        />
        <TagMenu
          label={i18n.t('customers.bulk.remove')}
          tags={removable()}
          empty="customers.bulk.noTagsOnSelection"
          disabled={busy()}
          onPick={(tag) => void startFromMenu('untag', tag)}
          testId="bulk-remove"
        />
        <Show when={props.tags.length === 0}>
          <A href="/settings#tags" class="btn btn-ghost btn-small">
            {i18n.t('tags.manage')}
          </A>
        </Show>
      </Show>
      <Show when={session.can('invitations.manage')}>
        <button
          type="button"
          class="btn btn-secondary btn-small"
          onClick={() => {
            setRights(['delegated_admin']);
            setInviting(true);
          }}
          data-testid="bulk-invite"
        >
          {i18n.t('customers.bulk.invite')}
        </button>
      </Show>
      <Show when={session.can('customers.write')}>
        <button type="button" class="btn btn-secondary btn-small" onClick={() => setArchiving(true)} data-testid="bulk-archive">
          {i18n.t('customers.bulk.archive')}
        </button>
      </Show>
      <Show when={session.can('customers.export')}>
        <button
          type="button"
          class="btn btn-secondary btn-small"
          onClick={() => {
            setFormat('xlsx');
            setSeparator(defaultSeparator(i18n.locale()));
            setExporting(true);
          }}
          data-testid="bulk-export"
        >
          {i18n.t('customers.bulk.export')}
        </button>
      </Show>
      {props.children}
      <button type="button" class="btn btn-ghost btn-small" onClick={props.onClear}>
        {i18n.t('customers.bulk.clear')}
      </button>
      <ConfirmDialog
        open={inviting()}
        onOpenChange={setInviting}
        title={i18n.t('customers.bulk.inviteTitle')}
        text={i18n.plural({ one: 'customers.bulk.inviteText.one', other: 'customers.bulk.inviteText.other' }, count())}
        confirmLabel={i18n.t('customers.bulk.inviteConfirm')}
        onConfirm={() => start('invite', { requestedRights: rights(), language: i18n.locale() })}
      >
        <RightsChecklist
          legend={i18n.t('customers.bulk.inviteRights')}
          offered={customerRights}
          selected={rights()}
          onChange={(right, on) => setRights((current) => orderedRights(on ? [...current, right] : current.filter((candidate) => candidate !== right)) as CustomerRight[])}
        />
      </ConfirmDialog>
      <ConfirmDialog
        open={archiving()}
        onOpenChange={setArchiving}
        title={i18n.t('customers.bulk.archiveTitle')}
        text={i18n.plural({ one: 'customers.bulk.archiveText.one', other: 'customers.bulk.archiveText.other' }, count())}
        confirmLabel={i18n.t('customers.bulk.archiveConfirm')}
        onConfirm={() => start('archive', {})}
      />
      <ConfirmDialog
        open={exporting()}
        onOpenChange={setExporting}
        title={i18n.t('customers.bulk.exportTitle')}
        text={i18n.plural({ one: 'customers.bulk.exportText.one', other: 'customers.bulk.exportText.other' }, count(), { hours: EXPORT_FILE_HOURS })}
        confirmLabel={i18n.t('customers.bulk.exportConfirm')}
        onConfirm={() => start('export', { format: format(), lang: i18n.locale(), ...(format() === 'csv' ? { separator: separator() } : {}) })}
      >
        <ExportOptions format={format()} onFormat={setFormat} separator={separator()} onSeparator={setSeparator} />
      </ConfirmDialog>
    </div>
  );
}

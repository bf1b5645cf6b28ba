import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { type CompletionField, completionFields, customerDisplayName } from '../../../schema/customers';
import type { CustomField } from '../../../schema/customFields';
import { CUSTOM_FIELD_PREFIX, type CustomerImport, customerImportFields, type DryRun, type ImportAction, type ImportRow, importOnlyFields } from '../../../schema/imports';
import { type I18n, type TextKey, useI18n } from '../../i18n';
import { fieldErrorText } from '../../i18n/errors';
import { reasonTexts } from './duplicates/reasons';
import { useMissingText } from './IncompleteNotice';
import './imports.css';

const ROWS_SHOWN = 200;

const actionBadge: Record<ImportAction, string> = { create: 'badge badge-success', update: 'badge badge-info', unchanged: 'badge badge-neutral', refuse: 'badge badge-danger' };

/** A field's label in the current language: customer fields by key, custom fields (`customFields.<id>` or `customField:<id>`) by their label. */
export function importFieldOptions(i18n: I18n, customFields: CustomField[]) {
  const options = [
    ...customerImportFields.map((field) => ({ value: field, label: i18n.t(`customers.fields.${field}`) })),
    ...importOnlyFields.map((field) => ({ value: field, label: i18n.t(`imports.fields.${field}`) })),
    ...customFields.map((field) => ({ value: `${CUSTOM_FIELD_PREFIX}${field.id}`, label: field.label })),
  ];
  const label = (field: string) => {
    const id = field.startsWith('customFields.') ? `${CUSTOM_FIELD_PREFIX}${field.slice('customFields.'.length)}` : field;
    return options.find((option) => option.value === id)?.label ?? field;
  };
  return { options, label };
}

/** The report of an import: who imported it when (or that it failed, and why), then its counts and rows. */
export function ImportReportView(props: { record: CustomerImport; fieldLabel: (field: string) => string }) {
  const i18n = useI18n();
  return (
    <Show when={props.record.report}>
      {(report) => (
        <Show
          when={report().failure}
          fallback={
            <>
              <p role="status" data-testid="import-report-summary">
                {i18n.t('imports.reportSummary', { file: props.record.fileName, by: report().importedBy, at: i18n.formatDateTime(report().importedAt) })}
              </p>
              <ImportRows rows={report().rows} counts={report().counts} fieldLabel={props.fieldLabel} testId="import-report" />
            </>
          }
        >
          {(failure) => (
            <div class="alert alert-error" role="alert" data-testid="import-report-failure">
              <p>{i18n.t('imports.failedSummary', { file: props.record.fileName, by: report().importedBy, at: i18n.formatDateTime(report().importedAt) })}</p>
              <p>{i18n.t(`imports.failure.${failure()}`)}</p>
            </div>
          )}
        </Show>
      )}
    </Show>
  );
}

type RowFilter = ImportAction | 'incomplete' | '';

/** How many rows will leave their customer lacking each field: the "why" of the incomplete count. */
function missingTally(rows: ImportRow[]): [CompletionField, number][] {
  return completionFields.map((field) => [field, rows.filter((row) => row.missing?.includes(field)).length] as [CompletionField, number]).filter(([, count]) => count > 0);
}

/** Counts and rows of a dry run or a report, filterable by what happens to each row. */
export function ImportRows(props: { rows: ImportRow[]; counts: DryRun['counts']; fieldLabel: (field: string) => string; testId: string }) {
  const i18n = useI18n();
  const missingText = useMissingText();
  const filterId = createUniqueId();
  const [filter, setFilter] = createSignal<RowFilter>('');
  const shown = createMemo(() => props.rows.filter((row) => !filter() || (filter() === 'incomplete' ? Boolean(row.missing) : row.action === filter())));
  const incomplete = () => props.counts.incomplete ?? props.rows.filter((row) => row.missing).length;
  const details = (row: ImportRow) => {
    if (row.action === 'refuse') return Object.entries(row.errors).map(([field, code]) => `${props.fieldLabel(field)}: ${fieldErrorText(i18n, code)}`);
    const lines: string[] = [];
    if (row.action === 'update') lines.push(i18n.t('imports.changed', { fields: row.changes.map(props.fieldLabel).join(', ') }));
    if (row.matchedBy && row.action !== 'create') lines.push(i18n.t('imports.matchedBy', { field: props.fieldLabel(row.matchedBy) }));
    if (row.numberAssigned) lines.push(i18n.t('imports.numberAssigned'));
    if (row.missing) lines.push(i18n.t('imports.missing', { fields: missingText(row.missing) }));
    if (row.relationshipToReview) lines.push(i18n.t('imports.relationshipToReview'));
    if (row.archived) lines.push(i18n.t('imports.archived'));
    if (row.tags?.length) lines.push(i18n.t('imports.tags', { tags: row.tags.join(', ') }));
    if (row.possibleDuplicates?.length) {
      const customers = row.possibleDuplicates.map((hint) => `${customerDisplayName(hint.customer)} (${hint.customer.customerNumber}; ${reasonTexts(i18n, hint.reasons)})`);
      lines.push(i18n.t('duplicates.hints.import', { customers: customers.join(', ') }));
    }
    return lines;
  };
  return (
    <div class="import-rows" data-testid={props.testId}>
      <ul class="import-counts" aria-label={i18n.t('imports.countsLabel')}>
        <For each={['create', 'update', 'unchanged', 'refuse'] as const}>
          {(action) => (
            <li class={actionBadge[action]} data-testid={`import-count-${action}`}>
              {i18n.t(`imports.counts.${action}` as TextKey, { count: i18n.formatNumber(props.counts[action]) })}
            </li>
          )}
        </For>
        <Show when={incomplete() > 0}>
          <li class="badge badge-incomplete" data-testid="import-count-incomplete">
            {i18n.t('imports.counts.incomplete', { count: i18n.formatNumber(incomplete()) })}
          </li>
        </Show>
      </ul>
      <Show when={incomplete() > 0}>
        <p class="muted" data-testid="import-incomplete-summary">
          {i18n.t('imports.incompleteSummary', {
            count: i18n.formatNumber(incomplete()),
            fields: missingTally(props.rows)
              .map(([field, count]) => `${i18n.t(`customers.incomplete.fields.${field}`)} (${i18n.formatNumber(count)})`)
              .join(', '),
          })}
        </p>
      </Show>
      <div class="field field-inline">
        <label class="field-label" for={filterId}>
          {i18n.t('imports.filter')}
        </label>
        <select id={filterId} class="input input-compact" onChange={(event) => setFilter(event.currentTarget.value as RowFilter)}>
          <option value="">{i18n.t('imports.filterAll')}</option>
          <For each={['create', 'update', 'unchanged', 'refuse'] as const}>{(action) => <option value={action}>{i18n.t(`imports.actions.${action}` as TextKey)}</option>}</For>
          <option value="incomplete">{i18n.t('imports.filterIncomplete')}</option>
        </select>
      </div>
      {/* A long file scrolls here: focusable, so the keyboard can scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard (axe: scrollable-region-focusable). */}
      <div class="table-scroll import-table" tabIndex={0} role="region" aria-label={i18n.t('imports.rowsCaption')}>
        <table class="table">
          <caption class="visually-hidden">{i18n.t('imports.rowsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{i18n.t('imports.line')}</th>
              <th scope="col">{i18n.t('imports.action')}</th>
              <th scope="col">{i18n.t('customers.fields.customerNumber')}</th>
              <th scope="col">{i18n.t('customers.columns.name')}</th>
              <th scope="col">{i18n.t('imports.details')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={shown().slice(0, ROWS_SHOWN)}>
              {(row) => (
                <tr data-testid="import-row" data-action={row.action} data-incomplete={row.missing ? 'true' : undefined}>
                  <td>{row.line}</td>
                  <td>
                    <span class={actionBadge[row.action]}>{i18n.t(`imports.actions.${row.action}` as TextKey)}</span>
                  </td>
                  <td>{row.customerNumber}</td>
                  <td>{row.name}</td>
                  <td>
                    <For each={details(row)}>{(line) => <div>{line}</div>}</For>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={shown().length > ROWS_SHOWN}>
        <p class="muted">{i18n.t('imports.firstRows', { shown: i18n.formatNumber(ROWS_SHOWN), total: i18n.formatNumber(shown().length) })}</p>
      </Show>
    </div>
  );
}

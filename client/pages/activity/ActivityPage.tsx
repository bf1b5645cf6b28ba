import { A } from '@solidjs/router';
import { For, Match, Show, Switch } from 'solid-js';
import { type AuditEntry, asSnapshot, auditEntityName as entityName } from '../../../schema/audit';
import { exportAudit, listAudit } from '../../api/audit';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { type I18n, useI18n } from '../../i18n';
import { createCursorList } from '../../lib/cursorList';
import { ExportMenu } from '../ExportMenu';
import { ActivityFilters } from './ActivityFilters';
import { type ActivityQuery, createActivityQuery } from './activityQuery';
import './activity.css';

const ignoredKeys = new Set(['version', 'updatedAt', 'createdAt', 'id', 'tags']);
const shortValue = (value: unknown) => {
  if (value === null || value === undefined || value === '') return '–';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** What changed, in one line per field: "Ort: München → Wien"; tag changes as "+ VIP − Alt". */
function changeLines(i18n: I18n, entry: AuditEntry): string[] {
  const before = asSnapshot(entry.before);
  const after = asSnapshot(entry.after);
  if (after && (Array.isArray(after.added) || Array.isArray(after.removed))) {
    const parts = [
      ...((after.added as unknown[] | undefined) ?? []).map((name) => `+ ${String(name)}`),
      ...((after.removed as unknown[] | undefined) ?? []).map((name) => `− ${String(name)}`),
    ];
    const count = typeof after.customers === 'number' ? [i18n.plural({ one: 'customers.total.one', other: 'customers.total.other' }, after.customers)] : [];
    return [[...count, parts.join(' ')].filter(Boolean).join(': ')];
  }
  if (!before || !after) return [];
  const label = (key: string) => i18n.tryT(`customers.fields.${key}`) ?? i18n.tryT(`activity.fieldNames.${key}`) ?? key;
  return Object.keys({ ...before, ...after })
    .filter((key) => !ignoredKeys.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => `${label(key)}: ${shortValue(before[key])} → ${shortValue(after[key])}`);
}

function EntityCell(props: { entry: AuditEntry }) {
  const i18n = useI18n();
  const type = () => i18n.tryT(`activity.entityTypes.${props.entry.entityType}`) ?? props.entry.entityType;
  const linkable = () => props.entry.entityType === 'customer' && props.entry.action !== 'customer.deleted';
  return (
    <>
      {type()}:{' '}
      <Show when={linkable()} fallback={entityName(props.entry)}>
        <A href={`/customers/${encodeURIComponent(props.entry.entityId)}`}>{entityName(props.entry)}</A>
      </Show>
    </>
  );
}

function ActivityList(props: { query: ActivityQuery }) {
  const i18n = useI18n();
  const query = props.query;
  const list = createCursorList(() => listAudit(query.filters()));
  return (
    <>
      <ActivityFilters query={query} />
      <section class="card card-flush">
        <Switch>
          <Match when={list.loading()}>
            <LoadingState />
          </Match>
          <Match when={list.error()}>{(error) => <ErrorState error={error()} onRetry={() => void list.reload()} />}</Match>
          <Match when={list.items().length === 0}>
            <Show when={query.hasFilters()} fallback={<EmptyState title={i18n.t('activity.empty.title')} text={i18n.t('activity.empty.text')} />}>
              <EmptyState title={i18n.t('activity.noMatch.title')} text={i18n.t('activity.noMatch.text')}>
                <button type="button" class="btn btn-secondary" onClick={query.clear}>
                  {i18n.t('customers.filters.clear')}
                </button>
              </EmptyState>
            </Show>
          </Match>
          <Match when={true}>
            <div class="table-scroll">
              <table class="table" data-testid="activity-list" aria-busy={list.refreshing()} classList={{ 'table-refreshing': list.refreshing() }}>
                <caption class="visually-hidden">{i18n.t('activity.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{i18n.t('activity.columns.time')}</th>
                    <th scope="col">{i18n.t('activity.columns.who')}</th>
                    <th scope="col">{i18n.t('activity.columns.action')}</th>
                    <th scope="col">{i18n.t('activity.columns.what')}</th>
                    <th scope="col">{i18n.t('activity.columns.changes')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list.items()}>
                    {(entry) => (
                      <tr>
                        <td class="cell-nowrap">
                          <time datetime={entry.createdAt}>{i18n.formatDateTime(entry.createdAt)}</time>
                        </td>
                        <td>{entry.actorLabel}</td>
                        <td>{i18n.tryT(`activity.actions.${entry.action}`) ?? entry.action}</td>
                        <td>
                          <EntityCell entry={entry} />
                        </td>
                        <td class="cell-changes">
                          <For each={changeLines(i18n, entry)} fallback="–">
                            {(line) => <span class="change-line">{line}</span>}
                          </For>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={list.nextCursor() || list.moreError()}>
              <div class="table-footer">
                <LoadMore list={list} />
              </div>
            </Show>
          </Match>
        </Switch>
      </section>
    </>
  );
}

export default function ActivityPage() {
  const i18n = useI18n();
  const query = createActivityQuery();
  return (
    <RequirePermission anyOf={['audit.read']}>
      <PageHeader
        title={i18n.t('activity.title')}
        description={i18n.t('activity.description')}
        actions={
          <ExportMenu
            view={query.filters}
            exportFile={exportAudit}
            fileNames={{ xls: `${i18n.t('export.fileName.activity')}.xls`, xlsx: `${i18n.t('export.fileName.activity')}.xlsx`, csv: `${i18n.t('export.fileName.activity')}.csv` }}
            scopeLabels={{ all: 'export.scope.allEntries', view: 'export.scope.viewEntries' }}
            testId="export-activity"
          />
        }
      />
      <ActivityList query={query} />
    </RequirePermission>
  );
}

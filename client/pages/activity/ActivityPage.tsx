import { For, Match, Show, Switch } from 'solid-js';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useI18n, type I18n } from '../../i18n';
import { createCursorList } from '../../lib/cursorList';
import type { AuditEntry } from '../../../schema/audit';

/** One row of GET /api/v1/audit. */
/** A readable name from the audit snapshot (staff name, reseller name), else the raw id. */
function entityName(entry: AuditEntry): string {
  for (const snapshot of [entry.after, entry.before]) {
    if (snapshot && typeof snapshot === 'object') {
      const named = snapshot as { displayName?: unknown; name?: unknown; company?: unknown };
      for (const value of [named.displayName, named.name, named.company]) if (typeof value === 'string' && value) return value;
    }
  }
  return entry.entityId;
}

function describeEntity(i18n: I18n, entry: AuditEntry): string {
  const type = i18n.tryT(`activity.entityTypes.${entry.entityType}`) ?? entry.entityType;
  return `${type}: ${entityName(entry)}`;
}

function ActivityList() {
  const i18n = useI18n();
  const list = createCursorList<AuditEntry>('/api/v1/audit');
  return (
    <section class="card card-flush">
      <Switch>
        <Match when={list.loading()}>
          <LoadingState />
        </Match>
        <Match when={list.error()}>{(error) => <ErrorState error={error()} onRetry={list.reload} />}</Match>
        <Match when={list.items().length === 0}>
          <EmptyState title={i18n.t('activity.empty.title')} text={i18n.t('activity.empty.text')} />
        </Match>
        <Match when={true}>
          <div class="table-scroll">
            <table class="table">
              <caption class="visually-hidden">{i18n.t('activity.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{i18n.t('activity.columns.time')}</th>
                  <th scope="col">{i18n.t('activity.columns.who')}</th>
                  <th scope="col">{i18n.t('activity.columns.action')}</th>
                  <th scope="col">{i18n.t('activity.columns.what')}</th>
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
                      <td>{describeEntity(i18n, entry)}</td>
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
  );
}

export default function ActivityPage() {
  const i18n = useI18n();
  return (
    <RequirePermission anyOf={['audit.read']}>
      <PageHeader title={i18n.t('activity.title')} description={i18n.t('activity.description')} />
      <ActivityList />
    </RequirePermission>
  );
}

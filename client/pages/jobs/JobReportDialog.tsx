import { A } from '@solidjs/router';
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { type Job, type JobItem, type JobItemState, jobItemStates } from '../../../schema/jobs';
import { listJobItems } from '../../api/jobs';
import { Dialog } from '../../components/Dialog';
import { errorText, useI18n } from '../../i18n';
import { jobTitle } from './jobText';

/** The report of a job: each customer with its outcome and reason, refusals first when there are any. */
export default function JobReportDialog(props: { job: Job; onClose: () => void }) {
  const i18n = useI18n();
  const [filter, setFilter] = createSignal<JobItemState | ''>(props.job.failed > 0 ? 'failed' : '');
  const [items, setItems] = createSignal<JobItem[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(true);
  const [failure, setFailure] = createSignal<string>();
  let generation = 0;

  async function read(more: boolean) {
    const current = more ? generation : ++generation;
    setLoading(true);
    setFailure(undefined);
    try {
      const page = await listJobItems(props.job.id, filter() || undefined).read({ limit: 100, cursor: more ? cursor() : undefined });
      if (current !== generation) return;
      setItems((shown) => (more ? [...shown, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (error) {
      if (current === generation) setFailure(errorText(i18n, error));
    } finally {
      if (current === generation) setLoading(false);
    }
  }
  // Again when the filter changes, and when the job moves on (its counts arrive live).
  createEffect(on([filter, () => props.job.processed, () => props.job.state], () => void read(false)));

  const skipped = () => Math.max(0, props.job.total - props.job.processed);
  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()} title={i18n.t('jobs.reportTitle', { title: jobTitle(i18n, props.job) })} wide>
      <div class="form">
        <p data-testid="job-report-summary">
          {i18n.t('jobs.reportSummary', {
            succeeded: i18n.formatNumber(props.job.succeeded),
            failed: i18n.formatNumber(props.job.failed),
            skipped: i18n.formatNumber(skipped()),
            total: i18n.formatNumber(props.job.total),
          })}
        </p>
        <div class="inline-field">
          <label for={`${props.job.id}-filter`}>{i18n.t('jobs.reportFilter')}</label>
          <select
            id={`${props.job.id}-filter`}
            class="input input-compact"
            value={filter()}
            onChange={(event) => setFilter(event.currentTarget.value as JobItemState | '')}
            data-testid="job-report-filter"
          >
            <option value="">{i18n.t('jobs.itemStates.all')}</option>
            <For each={jobItemStates}>{(state) => <option value={state}>{i18n.t(`jobs.itemStates.${state}`)}</option>}</For>
          </select>
        </div>
        <div aria-live="polite">
          <Show when={failure()}>{(text) => <p class="inline-error">{text()}</p>}</Show>
        </div>
        <div class="table-scroll">
          <table class="table" data-testid="job-report-table">
            <caption class="visually-hidden">{i18n.t('jobs.reportCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{i18n.t('jobs.columns.customer')}</th>
                <th scope="col">{i18n.t('jobs.columns.result')}</th>
                <th scope="col">{i18n.t('jobs.columns.reason')}</th>
              </tr>
            </thead>
            <tbody>
              <For
                each={items()}
                fallback={
                  <tr>
                    <td colSpan={3}>{loading() ? i18n.t('common.loading') : i18n.t('jobs.reportEmpty')}</td>
                  </tr>
                }
              >
                {(item) => (
                  <tr data-testid="job-report-row">
                    <td>
                      <Show when={item.name} fallback={i18n.t('jobs.deletedCustomer', { id: item.itemId })}>
                        {(name) => <A href={`/customers/${encodeURIComponent(item.itemId)}`}>{name()}</A>}
                      </Show>
                    </td>
                    <td>{i18n.t(`jobs.itemStates.${item.state}`)}</td>
                    <td>{item.reason ? i18n.t(`jobs.reasons.${item.reason}`) : i18n.t('common.notAvailable')}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Show when={cursor()}>
          <button type="button" class="btn btn-secondary" disabled={loading()} onClick={() => void read(true)}>
            {loading() ? i18n.t('common.loadingMore') : i18n.t('common.loadMore')}
          </button>
        </Show>
      </div>
    </Dialog>
  );
}

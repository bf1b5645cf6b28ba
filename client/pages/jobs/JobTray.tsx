import { createSignal, For, lazy, onMount, Show } from 'solid-js';
import { isJobOpen, type Job, jobKindPermissions } from '../../../schema/jobs';
import { cancelJob, downloadJobFile, listJobs } from '../../api/jobs';
import { useToast } from '../../components/Toast';
import { errorText, useI18n } from '../../i18n';
import { saveBlob } from '../../lib/saveBlob';
import { onLiveEvent } from '../../live/LiveProvider';
import { useSession } from '../../session';
import { jobProgressText, jobTitle } from './jobText';
import './jobs.css';

const JobReportDialog = lazy(() => import('./JobReportDialog'));
const ImportReportDialog = lazy(() => import('./ImportReportDialog'));

/**
 * The reseller's bulk jobs at the bottom left of every page, for every staff member: progress as it
 * happens (`job.changed` on the live socket), cancel, and the report. A finished job is announced.
 */
export function JobTray() {
  const i18n = useI18n();
  const toast = useToast();
  const session = useSession();
  const [jobs, setJobs] = createSignal<Job[]>([]);
  const [dismissed, setDismissed] = createSignal<ReadonlySet<string>>(new Set());
  const [reportOf, setReportOf] = createSignal<Job>();
  const [cancelling, setCancelling] = createSignal<ReadonlySet<string>>(new Set());
  const [downloading, setDownloading] = createSignal<ReadonlySet<string>>(new Set());

  const upsert = (job: Job) =>
    setJobs((list) => {
      const known = list.find((entry) => entry.id === job.id);
      if (known && known.version > job.version) return list;
      return known ? list.map((entry) => (entry.id === job.id ? job : entry)) : [job, ...list];
    });

  async function load() {
    try {
      const page = await listJobs().read({ limit: 20 });
      // Open jobs; one that ends while this tab watches stays until dismissed (the others are in the activity log).
      // A finished export is not brought back on load: the tray would cover a phone's list for a day.
      for (const job of page.items.reverse()) if (isJobOpen(job.state)) upsert(job);
    } catch {
      // The tray is an extra: the pages say what failed; the next live event fills it.
    }
  }
  onMount(() => void load());
  onLiveEvent(
    (event) => {
      if (event.kind !== 'job.changed' || !event.data) return;
      const job = event.data as Job;
      const before = jobs().find((entry) => entry.id === job.id);
      upsert(job);
      if (before && isJobOpen(before.state) && !isJobOpen(job.state)) {
        toast.announce(
          i18n.t('jobs.finished', {
            title: jobTitle(i18n, job),
            state: i18n.t(`jobs.states.${job.state}`),
            succeeded: i18n.formatNumber(job.succeeded),
            failed: i18n.formatNumber(job.failed),
          }),
        );
      }
    },
    () => void load(),
  );

  const shown = () => jobs().filter((job) => !dismissed().has(job.id));
  const mayCancel = (job: Job) => session.can('customers.write') && session.can(jobKindPermissions[job.kind]);

  /** An export job's file, while it is kept: fetched (so a refusal is our JSON, shown as a toast), then saved under the server's name. */
  const fileOf = (job: Job) => (job.file && Date.parse(job.file.expiresAt) > Date.now() ? job.file : null);
  async function save(job: Job) {
    setDownloading((ids) => new Set([...ids, job.id]));
    try {
      const { blob, fileName } = await downloadJobFile(job);
      saveBlob(blob, fileName);
      toast.show('success', i18n.t('export.downloaded', { name: fileName }));
    } catch (error) {
      toast.show('error', errorText(i18n, error));
    } finally {
      setDownloading((ids) => new Set([...ids].filter((id) => id !== job.id)));
    }
  }

  async function cancel(job: Job) {
    setCancelling((ids) => new Set([...ids, job.id]));
    try {
      upsert(await cancelJob(job.id));
      toast.show('info', i18n.t('jobs.cancelRequested', { title: jobTitle(i18n, job) }));
    } catch (error) {
      toast.show('error', errorText(i18n, error));
    } finally {
      setCancelling((ids) => new Set([...ids].filter((id) => id !== job.id)));
    }
  }

  return (
    <Show when={shown().length > 0}>
      <section class="job-tray" aria-labelledby="job-tray-title" data-testid="job-tray">
        <h2 class="job-tray-title" id="job-tray-title">
          {i18n.t('jobs.tray')}
        </h2>
        <ul class="job-list">
          <For each={shown()}>
            {(job) => (
              <li class="job" data-testid="job" data-state={job.state} data-job-id={job.id}>
                <p class="job-title">{jobTitle(i18n, job)}</p>
                <p class="job-meta">
                  {i18n.t(`jobs.states.${job.state}`)} · {i18n.t('jobs.startedBy', { name: job.startedBy })}
                </p>
                <progress class="job-progress" max={Math.max(job.total, 1)} value={job.processed} aria-label={i18n.t('jobs.progressLabel', { title: jobTitle(i18n, job) })} />
                <p class="job-counts" data-testid="job-counts">
                  {jobProgressText(i18n, job)}
                  <Show when={job.failed > 0}> · {i18n.plural({ one: 'jobs.refused.one', other: 'jobs.refused.other' }, job.failed)}</Show>
                </p>
                <Show when={job.cancelRequested && isJobOpen(job.state)}>
                  <p class="job-meta">{i18n.t('jobs.cancelling')}</p>
                </Show>
                <Show when={job.state === 'cancelled' && job.cancelledBy}>
                  <p class="job-meta">{i18n.t('jobs.cancelledBy', { name: job.cancelledBy! })}</p>
                </Show>
                <Show when={job.file}>
                  {(file) => (
                    <p class="job-meta" data-testid="job-file">
                      {fileOf(job)
                        ? i18n.plural({ one: 'jobs.fileUntil.one', other: 'jobs.fileUntil.other' }, file().rows, { time: i18n.formatDateTime(file().expiresAt) })
                        : i18n.t('jobs.fileExpired')}
                    </p>
                  )}
                </Show>
                <div class="job-actions">
                  <Show when={fileOf(job) && session.can('customers.export')}>
                    <button
                      type="button"
                      class="btn btn-primary btn-small"
                      disabled={downloading().has(job.id)}
                      aria-busy={downloading().has(job.id)}
                      aria-label={i18n.t('jobs.downloadLabel', { name: job.label })}
                      onClick={() => void save(job)}
                      data-testid="job-download"
                    >
                      {i18n.t('jobs.download')}
                    </button>
                  </Show>
                  <Show when={isJobOpen(job.state) && !job.cancelRequested && mayCancel(job)}>
                    <button type="button" class="btn btn-secondary btn-small" disabled={cancelling().has(job.id)} onClick={() => void cancel(job)} data-testid="job-cancel">
                      {i18n.t('jobs.cancel')}
                    </button>
                  </Show>
                  <Show when={job.kind !== 'customers.import' || !isJobOpen(job.state)}>
                    <button type="button" class="btn btn-secondary btn-small" onClick={() => setReportOf(job)} data-testid="job-report">
                      {job.kind === 'customers.import' ? i18n.t('jobs.importReport') : i18n.t('jobs.report')}
                    </button>
                  </Show>
                  <Show when={!isJobOpen(job.state)}>
                    <button type="button" class="btn btn-ghost btn-small" onClick={() => setDismissed((ids) => new Set([...ids, job.id]))} data-testid="job-dismiss">
                      {i18n.t('jobs.dismiss')}
                    </button>
                  </Show>
                </div>
              </li>
            )}
          </For>
        </ul>
      </section>
      <Show when={reportOf()}>
        {(job) => {
          const current = () => jobs().find((entry) => entry.id === job().id) ?? job();
          // An import's report is the import's own (each row and why); other jobs list their customers.
          return (
            <Show when={current().subject?.type === 'customer_import' && current().subject} fallback={<JobReportDialog job={current()} onClose={() => setReportOf(undefined)} />}>
              {(subject) => <ImportReportDialog job={current()} importId={subject().id} onClose={() => setReportOf(undefined)} />}
            </Show>
          );
        }}
      </Show>
    </Show>
  );
}

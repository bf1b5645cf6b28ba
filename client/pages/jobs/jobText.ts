import type { Job } from '../../../schema/jobs';
import type { I18n } from '../../i18n';

/** "Tag „VIP“ zuweisen": the job's kind in words, with its label. */
export const jobTitle = (i18n: I18n, job: Pick<Job, 'kind' | 'label'>) => i18n.t(`jobs.kinds.${job.kind}`, { label: job.label });

/**
 * The progress line: "120 von 500 bearbeitet"; an import says what its phase is: rows checked, then
 * (every row checked, the job still running) the one write, then what became of it.
 */
export function jobProgressText(i18n: I18n, job: Job): string {
  const numbers = { processed: i18n.formatNumber(job.processed), total: i18n.formatNumber(job.total) };
  if (job.kind !== 'customers.import') return i18n.t('jobs.progress', numbers);
  if (job.state === 'queued' || (job.state === 'running' && job.processed < job.total)) return i18n.t('jobs.importProgress.checking', numbers);
  if (job.state === 'running') return i18n.t('jobs.importProgress.writing', numbers);
  return i18n.t(`jobs.importProgress.${job.state}`, numbers);
}

import type { Job } from '../../../schema/jobs';
import type { I18n } from '../../i18n';

/** "Tag „VIP“ zuweisen": the job's kind in words, with its label. */
export const jobTitle = (i18n: I18n, job: Pick<Job, 'kind' | 'label'>) => i18n.t(`jobs.kinds.${job.kind}`, { label: job.label });

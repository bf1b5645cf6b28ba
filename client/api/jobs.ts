import type { Job, JobItem, JobItemState } from '../../schema/jobs';
import { apiPath, type DownloadedFile, download, http, type PagedQuery, pagedQuery } from './http';

type OneJob = { job: Job };

/** The reseller's latest jobs, newest first. */
export const listJobs = (): PagedQuery<Job> => pagedQuery(apiPath('jobs'));

export const getJob = (id: string) => http.get<OneJob>(apiPath('jobs', id)).then((body) => body.job);

/** A job's report: each item with its outcome and reason. */
export const listJobItems = (jobId: string, state?: JobItemState): PagedQuery<JobItem> => pagedQuery(apiPath('jobs', jobId, 'items'), { state });

/** Stops the job after its current chunk. */
export const cancelJob = (id: string) => http.post<OneJob>(apiPath('jobs', id, 'cancel')).then((body) => body.job);

/** An export job's file while it is kept. */
export const downloadJobFile = (job: Pick<Job, 'id' | 'label'>): Promise<DownloadedFile> => download(apiPath('jobs', job.id, 'file'), job.label);

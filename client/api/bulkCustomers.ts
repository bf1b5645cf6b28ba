import type * as v from 'valibot';
import type { bulkArchiveJobInput, bulkExportJobInput, bulkInviteJobInput, bulkTagJobInput, Job } from '../../schema/jobs';
import { apiPath, http } from './http';

/** Each bulk action with the body its job takes. */
export interface BulkActions {
  tag: v.InferInput<typeof bulkTagJobInput>;
  untag: v.InferInput<typeof bulkTagJobInput>;
  invite: v.InferInput<typeof bulkInviteJobInput>;
  archive: v.InferInput<typeof bulkArchiveJobInput>;
  export: v.InferInput<typeof bulkExportJobInput>;
}
export type BulkAction = keyof BulkActions;

/** Starts a background job over the selected customers or everything a filter matches; answers at once (202). */
export const startBulkJob = <A extends BulkAction>(action: A, input: BulkActions[A]) =>
  http.post<{ job: Job }>(apiPath('customers', 'bulk', action), input).then((body) => body.job);

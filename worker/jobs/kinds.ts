import type { JobKind } from '../../schema/jobs';
import { importJob } from '../imports/job';
import { archiveJob, inviteJob, tagJob, untagJob } from './customerKinds';
import { exportJob } from './exportKind';
import type { JobKindSpec } from './registry';

/** Every job kind by its name: a kind in schema/jobs.ts without its spec here does not compile. */
const jobKindSpecs: { [Kind in JobKind]: JobKindSpec<never, Kind> } = {
  'customers.tag': tagJob,
  'customers.untag': untagJob,
  'customers.invite': inviteJob,
  'customers.archive': archiveJob,
  'customers.import': importJob,
  'customers.export': exportJob,
};

export function jobKind(kind: JobKind): JobKindSpec<unknown> {
  return jobKindSpecs[kind] as JobKindSpec<unknown>;
}

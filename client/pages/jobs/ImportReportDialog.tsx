import { createMemo, Show } from 'solid-js';
import type { Job } from '../../../schema/jobs';
import { getImport } from '../../api/customerImports';
import { Dialog } from '../../components/Dialog';
import { errorText, useI18n } from '../../i18n';
import { createFetched } from '../../lib/fetched';
import { fetchCustomFields } from '../../lib/resources';
import { ImportReportView, importFieldOptions } from '../customers/ImportRows';
import { jobProgressText, jobTitle } from './jobText';

/**
 * An import job's report, from the tray: the import's own report (each row, what became of it and why),
 * or, when the job failed, that nothing was imported and why. Any colleague who sees the tray may read it.
 */
export default function ImportReportDialog(props: { job: Job; importId: string; onClose: () => void }) {
  const i18n = useI18n();
  const record = createFetched(() => getImport(props.importId));
  const customFields = fetchCustomFields();
  const fields = createMemo(() => importFieldOptions(i18n, customFields.data() ?? []));
  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()} title={i18n.t('jobs.reportTitle', { title: jobTitle(i18n, props.job) })} wide>
      <div class="import-dialog" data-testid="import-job-report" aria-busy={record.loading()}>
        <p class="muted">{jobProgressText(i18n, props.job)}</p>
        <Show when={record.error()}>
          {(error) => (
            <p class="alert alert-error" role="alert">
              {errorText(i18n, error())}
            </p>
          )}
        </Show>
        <Show when={record.data()} fallback={<Show when={record.loading()}>{i18n.t('common.loading')}</Show>}>
          {(current) => <ImportReportView record={current()} fieldLabel={(field) => fields().label(field)} />}
        </Show>
        <div class="form-actions">
          <button type="button" class="btn btn-primary" onClick={() => props.onClose()}>
            {i18n.t('common.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

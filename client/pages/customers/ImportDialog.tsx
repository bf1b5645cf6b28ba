import { createMemo, createSignal, createUniqueId, For, Match, Show, Switch } from 'solid-js';
import type { CustomField } from '../../../schema/customFields';
import { type CustomerImport, type DryRun, importLimits, importMappingInput } from '../../../schema/imports';
import { isJobOpen, type Job } from '../../../schema/jobs';
import { getImport, importDryRun, saveImportMapping, runImport as startImport, uploadImport } from '../../api/customerImports';
import { getJob } from '../../api/jobs';
import { Dialog } from '../../components/Dialog';
import { type TextKey, useI18n } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { checkWith, createForm } from '../../lib/form';
import { onLiveEvent } from '../../live/LiveProvider';
import { jobProgressText } from '../jobs/jobText';
import { ImportReportView, ImportRows, importFieldOptions } from './ImportRows';
import './imports.css';

type Step = 'file' | 'mapping' | 'dryRun' | 'running' | 'report';

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * Import customers from a CSV, .xlsx or .xls file: upload, map the columns (the mapping of the last file
 * with the same headers comes back by itself), look at the dry run, import, read the report.
 */
export function ImportDialog(props: { open: boolean; onOpenChange: (open: boolean) => void; customFields: CustomField[]; onImported: (record: CustomerImport) => void }) {
  const i18n = useI18n();
  const fileId = createUniqueId();
  const [step, setStep] = createSignal<Step>('file');
  const [record, setRecord] = createSignal<CustomerImport>();
  const [dryRun, setDryRun] = createSignal<DryRun>();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  // The mapping step is a form: the field each column fills; the server's refusals (a field chosen
  // twice, no column that names a customer) show at the columns and above them.
  const mappingForm = createForm({
    initial: () => ({ mapping: [] as string[] }),
    check: checkWith(importMappingInput, ({ mapping }: { mapping: string[] }) => ({ version: record()?.version, mapping })),
  });
  const mapping = () => mappingForm.values.mapping;
  /** Why the current step failed: the wizard's own reason, or the mapping form's. */
  const failure = () => error() ?? mappingForm.failure();
  let fileInput: HTMLInputElement | undefined;

  const fields = createMemo(() => importFieldOptions(i18n, props.customFields));
  const fieldOptions = () => fields().options;
  const fieldLabel = (field: string) => fields().label(field);
  // The import job the user started here: its progress live, then the report.
  const [job, setJob] = createSignal<Job>();
  const follow = (next: Job) => {
    const current = job();
    if (!current || current.id !== next.id || current.version > next.version) return;
    setJob(next);
    if (current.state !== next.state && !isJobOpen(next.state)) void ended(next.id);
  };
  onLiveEvent(
    (event) => {
      if (event.kind === 'job.changed' && event.data) follow(event.data as Job);
    },
    () => void catchUp(),
  );
  async function catchUp() {
    const current = job();
    if (current) follow(await getJob(current.id));
  }

  function reset() {
    setJob(undefined);
    setStep('file');
    setRecord(undefined);
    setDryRun(undefined);
    setError(undefined);
    mappingForm.reset();
  }

  async function attempt(work: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(errorText(i18n, failure));
    } finally {
      setBusy(false);
    }
  }

  const upload = () =>
    attempt(async () => {
      const file = fileInput?.files?.[0];
      if (!file) throw new Error('no file');
      if (file.size > importLimits.fileBytes) {
        setError(i18n.t('errors.file_too_large'));
        return;
      }
      const uploaded = await uploadImport({ fileName: file.name, content: await readAsBase64(file) });
      setRecord(uploaded);
      mappingForm.reset({ mapping: uploaded.mapping });
      setStep('mapping');
    });

  async function showDryRun() {
    setError(undefined);
    const current = record()!;
    const checked = await mappingForm.submit(async (input) => {
      setRecord(await saveImportMapping(current.id, input));
      setDryRun(await importDryRun(current.id));
      return true;
    });
    if (checked) setStep('dryRun');
  }

  const runImport = () =>
    attempt(async () => {
      const current = record()!;
      const answer = await startImport(current.id, { version: current.version, fingerprint: dryRun()!.fingerprint });
      setRecord(answer.customerImport);
      setJob(answer.job);
      setStep('running');
      // A small file may be done before this answer arrived: its events went by.
      await catchUp();
    });

  /** The job ended: the import's report, or (failed, cancelled) why nothing was imported, back at the dry run. */
  const ended = (jobId: string) =>
    attempt(async () => {
      const finished = await getImport(record()!.id);
      if (job()?.id !== jobId) return;
      setRecord(finished);
      const { status, report } = finished;
      if (status === 'imported') {
        setStep('report');
        props.onImported(finished);
        return;
      }
      setStep('dryRun');
      setError(report?.failure ? i18n.t(`imports.failure.${report.failure}`) : i18n.t('imports.cancelled'));
    });

  const refreshDryRun = () =>
    attempt(async () => {
      setDryRun(await importDryRun(record()!.id));
    });

  function close() {
    reset();
    props.onOpenChange(false);
  }

  const writes = () => (dryRun()?.counts.create ?? 0) + (dryRun()?.counts.update ?? 0);

  return (
    <Dialog
      open={props.open}
      onOpenChange={(open) => (open ? props.onOpenChange(true) : close())}
      title={i18n.t('imports.title')}
      description={i18n.t(`imports.steps.${step()}` as TextKey)}
      wide
    >
      <div class="import-dialog" data-testid="import-dialog" aria-busy={busy() || mappingForm.submitting()}>
        <Show when={failure()}>
          <p class="alert alert-error" role="alert" data-testid="import-error">
            {failure()}
          </p>
        </Show>
        <Switch>
          <Match when={step() === 'file'}>
            <form
              class="form"
              onSubmit={(event) => {
                event.preventDefault();
                void upload();
              }}
            >
              <div class="field">
                <label class="field-label" for={fileId}>
                  {i18n.t('imports.file')}
                </label>
                <input
                  id={fileId}
                  ref={fileInput}
                  class="input"
                  type="file"
                  accept=".csv,.xlsx,.xls,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
                  required
                  data-testid="import-file"
                />
                <p class="field-hint">{i18n.t('imports.fileHint', { rows: i18n.formatNumber(importLimits.rows) })}</p>
              </div>
              <div class="form-actions">
                <button type="button" class="btn btn-secondary" onClick={close}>
                  {i18n.t('common.cancel')}
                </button>
                <button type="submit" class="btn btn-primary" disabled={busy()} data-testid="import-upload">
                  {busy() ? i18n.t('imports.uploading') : i18n.t('imports.upload')}
                </button>
              </div>
            </form>
          </Match>
          <Match when={step() === 'mapping' && record()}>
            {(current) => (
              <form class="form" {...mappingForm.element(() => void showDryRun())}>
                <p class="muted" data-testid="import-mapping-source">
                  {i18n.t(`imports.mappingSource.${current().mappingSource}` as TextKey, { file: current().fileName, rows: i18n.formatNumber(current().rowCount) })}
                </p>
                <Show when={mappingForm.error('mapping')}>
                  <p class="alert alert-error" role="alert">
                    {mappingForm.error('mapping')}
                  </p>
                </Show>
                <div class="table-scroll import-table">
                  <table class="table">
                    <caption class="visually-hidden">{i18n.t('imports.mappingCaption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{i18n.t('imports.column')}</th>
                        <th scope="col">{i18n.t('imports.example')}</th>
                        <th scope="col">{i18n.t('imports.field')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={current().columns}>
                        {(column, index) => {
                          const selectId = createUniqueId();
                          const problem = () => mappingForm.error(`mapping.${index()}`);
                          return (
                            <tr>
                              <th scope="row">
                                <label for={selectId}>{column || i18n.t('imports.unnamedColumn', { number: index() + 1 })}</label>
                              </th>
                              <td class="muted">{current().sample[0]?.[index()] ?? ''}</td>
                              <td>
                                <select
                                  id={selectId}
                                  class="input input-compact"
                                  data-testid={`import-map-${index()}`}
                                  aria-invalid={Boolean(problem())}
                                  onChange={(event) => mappingForm.set('mapping', index(), event.currentTarget.value)}
                                >
                                  <option value="" selected={!mapping()[index()]}>
                                    {i18n.t('imports.ignore')}
                                  </option>
                                  <For each={fieldOptions()}>
                                    {(option) => (
                                      <option value={option.value} selected={mapping()[index()] === option.value}>
                                        {option.label}
                                      </option>
                                    )}
                                  </For>
                                </select>
                                <Show when={problem()}>
                                  <p class="field-error">{problem()}</p>
                                </Show>
                              </td>
                            </tr>
                          );
                        }}
                      </For>
                    </tbody>
                  </table>
                </div>
                <div class="form-actions">
                  <button type="button" class="btn btn-secondary" onClick={reset}>
                    {i18n.t('imports.otherFile')}
                  </button>
                  <button type="submit" class="btn btn-primary" disabled={mappingForm.submitting()} data-testid="import-dry-run">
                    {mappingForm.submitting() ? i18n.t('imports.checking') : i18n.t('imports.dryRun')}
                  </button>
                </div>
              </form>
            )}
          </Match>
          <Match when={step() === 'dryRun' && dryRun()}>
            {(current) => (
              <>
                <ImportRows rows={current().rows} counts={current().counts} fieldLabel={fieldLabel} testId="import-dry-run-result" />
                <div class="form-actions">
                  <button type="button" class="btn btn-secondary" onClick={() => setStep('mapping')}>
                    {i18n.t('imports.backToMapping')}
                  </button>
                  <Show when={error()}>
                    <button type="button" class="btn btn-secondary" onClick={() => void refreshDryRun()}>
                      {i18n.t('imports.checkAgain')}
                    </button>
                  </Show>
                  <button type="button" class="btn btn-primary" disabled={busy() || writes() === 0} onClick={() => void runImport()} data-testid="import-run">
                    {busy() ? i18n.t('imports.importing') : i18n.t('imports.run', { count: i18n.formatNumber(writes()) })}
                  </button>
                </div>
              </>
            )}
          </Match>
          <Match when={step() === 'running' && job()}>
            {(current) => (
              <>
                <progress
                  class="import-progress"
                  max={Math.max(current().total, 1)}
                  value={current().processed}
                  aria-label={i18n.t('imports.progressLabel')}
                  data-testid="import-progress"
                />
                <p role="status" data-testid="import-progress-text">
                  {jobProgressText(i18n, current())}
                </p>
                <div class="form-actions">
                  <button type="button" class="btn btn-secondary" onClick={close} data-testid="import-close-running">
                    {i18n.t('common.close')}
                  </button>
                </div>
              </>
            )}
          </Match>
          <Match when={step() === 'report' && record()}>
            {(current) => (
              <>
                <ImportReportView record={current()} fieldLabel={fieldLabel} />
                <div class="form-actions">
                  <button type="button" class="btn btn-primary" onClick={close} data-testid="import-close">
                    {i18n.t('common.close')}
                  </button>
                </div>
              </>
            )}
          </Match>
        </Switch>
      </div>
    </Dialog>
  );
}

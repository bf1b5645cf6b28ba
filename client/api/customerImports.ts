import type * as v from 'valibot';
import type { CustomerImport, DryRun, importMappingInput, importRunInput, importStarted, importUploadInput, oneImport } from '../../schema/imports';
import { apiPath, http } from './http';

type OneImport = v.InferOutput<typeof oneImport>;
const record = (id: string, ...rest: string[]) => apiPath('customer-imports', id, ...rest);
const unwrap = (body: OneImport): CustomerImport => body.customerImport;

/** The file (base64) is read and kept with a guessed mapping of its columns. */
export const uploadImport = (input: v.InferOutput<typeof importUploadInput>) => http.post<OneImport>(apiPath('customer-imports'), input).then(unwrap);

export const getImport = (id: string) => http.get<OneImport>(record(id)).then(unwrap);

export const saveImportMapping = (id: string, input: v.InferOutput<typeof importMappingInput>) => http.put<OneImport>(record(id, 'mapping'), input).then(unwrap);

/** What the import would do to each row, with the fingerprint that confirms it. */
export const importDryRun = (id: string) => http.get<DryRun>(record(id, 'dry-run'));

/** Starts the import job for the confirmed dry run. */
export const runImport = (id: string, input: v.InferOutput<typeof importRunInput>) => http.post<v.InferOutput<typeof importStarted>>(record(id, 'run'), input);

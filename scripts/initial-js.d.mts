export const INITIAL_JS_LIMIT_BYTES: number;
export interface InitialJs {
  files: { file: string; gzipBytes: number }[];
  gzipBytes: number;
}
export function initialJs(outDir: string): InitialJs;
export function describeInitialJs(result: InitialJs, limit?: number): string;

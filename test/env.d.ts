import type { D1Migration } from 'cloudflare:test';
import type { TestAndBenchVars } from '../worker/env';

declare global {
  namespace Cloudflare {
    interface Env extends TestAndBenchVars {
      TEST_MIGRATIONS: D1Migration[];
      /** test/fixtures/imports: file name → base64 of its bytes. */
      IMPORT_FIXTURES: string;
      /** The input fuzz's seed and its cases per operation (empty: the defaults in test/security/fuzz.test.ts). */
      FUZZ_SEED: string;
      FUZZ_CASES: string;
    }
  }
}

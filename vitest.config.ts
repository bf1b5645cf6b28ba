import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { webhookReceiver } from './test/webhookReceiver';

export default defineConfig(async () => {
  // Tests run inside workerd against real D1 with every migration applied (test/setup.ts).
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'));
  // Files as other programs write them (test/fixtures/imports), for the import tests: workerd has no file system.
  const fixtureDir = path.join(import.meta.dirname, 'test', 'fixtures', 'imports');
  const importFixtures = Object.fromEntries(readdirSync(fixtureDir).map((name) => [name, readFileSync(path.join(fixtureDir, name)).toString('base64')]));
  return {
    plugins: [
      cloudflareTest({
        main: './worker/index.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          // FUZZ_SEED and FUZZ_CASES repeat or widen the input fuzz (test/security/fuzz.test.ts).
          // JOB_CHUNK_PAUSE_MS: jobs wait this long between chunks, so tests step them (runDurableObjectAlarm) where they choose.
          bindings: {
            TEST_MIGRATIONS: migrations,
            IMPORT_FIXTURES: JSON.stringify(importFixtures),
            WEBHOOK_RETRY_BASE_MS: '200',
            JOB_CHUNK_PAUSE_MS: '600000',
            COUNT_QUERIES: '1',
            FUZZ_SEED: process.env.FUZZ_SEED ?? '',
            FUZZ_CASES: process.env.FUZZ_CASES ?? '',
          },
          // Outbound requests (webhook deliveries) reach a receiver in this process, never the network.
          outboundService: webhookReceiver,
        },
      }),
    ],
    test: {
      include: ['test/**/*.test.ts'],
      // The security sweeps' figures first, then vitest's own summary.
      reporters: ['./test/security/figuresReporter.ts', 'default'],
      setupFiles: ['./test/setup.ts'],
    },
  };
});

import { applyD1Migrations, env } from 'cloudflare:test';

// Every test file sees a database with all migrations applied, exactly as wrangler applies them.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

-- Idempotency keys are scoped to the credential that sent them. The stored answers are a 24-hour cache
-- and the old ones may hold secrets in clear (token secrets, invitation links): they are dropped, not copied.
DROP TABLE `idempotency_keys`;--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`reseller_id` text NOT NULL,
	`credential` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer,
	`body` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`reseller_id`, `credential`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_created_idx` ON `idempotency_keys` (`created_at`);

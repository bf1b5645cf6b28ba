CREATE TABLE `write_commits` (
	`id` text PRIMARY KEY NOT NULL,
	`committed_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `write_commits_at_idx` ON `write_commits` (`committed_at`);
CREATE TABLE `job_items` (
	`job_id` text NOT NULL,
	`reseller_id` text NOT NULL,
	`seq` integer NOT NULL,
	`item_id` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`reason` text,
	PRIMARY KEY(`job_id`, `seq`),
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `job_items_state_idx` ON `job_items` (`job_id`,`state`,`seq`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`reseller_id` text NOT NULL,
	`kind` text NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`params` text NOT NULL,
	`label` text NOT NULL,
	`total` integer NOT NULL,
	`processed` integer DEFAULT 0 NOT NULL,
	`succeeded` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`cancel_requested` integer DEFAULT false NOT NULL,
	`started_by_user_id` text,
	`started_by_name` text NOT NULL,
	`started_by_api_token` integer DEFAULT false NOT NULL,
	`cancelled_by_user_id` text,
	`cancelled_by_name` text,
	`finished_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `jobs_reseller_idx` ON `jobs` (`reseller_id`,`created_at`,`id`);
CREATE TABLE `job_export_rows` (
	`job_id` text NOT NULL,
	`reseller_id` text NOT NULL,
	`seq` integer NOT NULL,
	`row` text NOT NULL,
	PRIMARY KEY(`job_id`, `seq`),
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `job_export_rows_reseller_idx` ON `job_export_rows` (`reseller_id`);
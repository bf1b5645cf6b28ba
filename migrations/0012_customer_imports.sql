CREATE TABLE `customer_import_rows` (
	`import_id` text NOT NULL,
	`reseller_id` text NOT NULL,
	`line` integer NOT NULL,
	`cells` text NOT NULL,
	PRIMARY KEY(`import_id`, `line`),
	FOREIGN KEY (`import_id`) REFERENCES `customer_imports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `customer_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`reseller_id` text NOT NULL,
	`created_by` text NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`columns` text NOT NULL,
	`sample` text NOT NULL,
	`row_count` integer NOT NULL,
	`mapping` text NOT NULL,
	`mapping_source` text NOT NULL,
	`status` text DEFAULT 'uploaded' NOT NULL,
	`report` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_imports_reseller_idx` ON `customer_imports` (`reseller_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `import_mappings` (
	`reseller_id` text NOT NULL,
	`headers_key` text NOT NULL,
	`mapping` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`reseller_id`, `headers_key`),
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action
);

CREATE TABLE `customer_merges` (
	`id` text PRIMARY KEY NOT NULL,
	`reseller_id` text NOT NULL,
	`survivor_id` text NOT NULL,
	`merged_id` text NOT NULL,
	`survivor_number` text NOT NULL,
	`merged_number` text NOT NULL,
	`dropped_number` text NOT NULL,
	`search_terms` text NOT NULL,
	`finds_id` text NOT NULL,
	`survivor` text NOT NULL,
	`merged` text NOT NULL,
	`survivor_tag_ids` text NOT NULL,
	`merged_tag_ids` text NOT NULL,
	`moved` text NOT NULL,
	`repointed_merge_ids` text NOT NULL,
	`survivor_version` integer NOT NULL,
	`merged_by` text NOT NULL,
	`merged_by_user_id` text,
	`merged_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`undo_until` text NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_merges_survivor_idx` ON `customer_merges` (`reseller_id`,`survivor_id`,`merged_at`);--> statement-breakpoint
CREATE INDEX `customer_merges_merged_idx` ON `customer_merges` (`reseller_id`,`merged_id`,`merged_at`);--> statement-breakpoint
CREATE INDEX `customer_merges_finds_idx` ON `customer_merges` (`reseller_id`,`finds_id`);
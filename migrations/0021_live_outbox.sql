CREATE TABLE `live_outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reseller_id` text NOT NULL,
	`events` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `live_outbox_reseller_idx` ON `live_outbox` (`reseller_id`,`seq`);--> statement-breakpoint
CREATE INDEX `live_outbox_created_idx` ON `live_outbox` (`created_at`);--> statement-breakpoint
DROP TABLE `live_resync_needed`;
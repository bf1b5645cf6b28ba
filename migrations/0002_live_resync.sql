CREATE TABLE `live_resync_needed` (
	`reseller_id` text PRIMARY KEY NOT NULL,
	`failed_at` text NOT NULL
);

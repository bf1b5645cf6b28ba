CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`reseller_id` text NOT NULL,
	`kind` text NOT NULL,
	`customer_id` text,
	`token_hash` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`requested_rights` text NOT NULL,
	`granted_rights` text,
	`include_indirect_provider` integer DEFAULT false NOT NULL,
	`indirect_provider` text,
	`language` text DEFAULT 'de' NOT NULL,
	`sent_by_user_id` text,
	`sent_by_name` text NOT NULL,
	`expires_at` text NOT NULL,
	`responded_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_reseller_idx` ON `invitations` (`reseller_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `invitations_customer_idx` ON `invitations` (`reseller_id`,`customer_id`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`hits` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `customers` ADD `granted_rights` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `rights_to_review` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `indirect_provider` text;--> statement-breakpoint
ALTER TABLE `resellers` ADD `indirect_provider` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `resellers` ADD `invitation_days` integer DEFAULT 14 NOT NULL;
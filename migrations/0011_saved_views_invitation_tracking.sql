CREATE TABLE `invitation_reminders` (
	`id` text PRIMARY KEY NOT NULL,
	`reseller_id` text NOT NULL,
	`invitation_id` text NOT NULL,
	`token_hash` text,
	`sent_by_name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitation_reminders_token_unique` ON `invitation_reminders` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitation_reminders_invitation_idx` ON `invitation_reminders` (`reseller_id`,`invitation_id`);--> statement-breakpoint
CREATE TABLE `saved_view_defaults` (
	`reseller_id` text NOT NULL,
	`user_id` text NOT NULL,
	`view_id` text NOT NULL,
	PRIMARY KEY(`reseller_id`, `user_id`),
	FOREIGN KEY (`view_id`) REFERENCES `saved_views`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `saved_view_defaults_view_idx` ON `saved_view_defaults` (`view_id`);--> statement-breakpoint
CREATE TABLE `saved_views` (
	`id` text PRIMARY KEY NOT NULL,
	`reseller_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`owner_name` text NOT NULL,
	`visibility` text NOT NULL,
	`scope_key` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`state` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `saved_views_name_unique` ON `saved_views` (`reseller_id`,`scope_key`,`name_key`);--> statement-breakpoint
ALTER TABLE `invitations` ADD `opened_at` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `last_opened_at` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `last_reminded_at` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `last_reminded_by` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `reminder_count` integer DEFAULT 0 NOT NULL;
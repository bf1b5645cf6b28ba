DROP INDEX `users_email_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_reseller_unique` ON `users` (`email`,`reseller_id`);
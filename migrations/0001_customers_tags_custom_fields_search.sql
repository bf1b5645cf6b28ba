CREATE TABLE `custom_fields` (
	`id` text PRIMARY KEY NOT NULL,
	`reseller_id` text NOT NULL,
	`label` text NOT NULL,
	`type` text NOT NULL,
	`options` text DEFAULT '[]' NOT NULL,
	`required` integer DEFAULT false NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `custom_fields_reseller_idx` ON `custom_fields` (`reseller_id`,`position`);--> statement-breakpoint
CREATE TABLE `customer_search_terms` (
	`reseller_id` text NOT NULL,
	`term` text NOT NULL,
	`customer_id` text NOT NULL,
	PRIMARY KEY(`reseller_id`, `term`, `customer_id`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_search_terms_customer_idx` ON `customer_search_terms` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customer_tags` (
	`reseller_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`tag_id` text NOT NULL,
	PRIMARY KEY(`customer_id`, `tag_id`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_tags_tag_idx` ON `customer_tags` (`reseller_id`,`tag_id`,`customer_id`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` text PRIMARY KEY NOT NULL,
	`reseller_id` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`color` text DEFAULT 'gray' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_reseller_name_unique` ON `tags` (`reseller_id`,`name_key`);--> statement-breakpoint
CREATE TABLE `write_guards` (
	`name` text PRIMARY KEY NOT NULL,
	`ok` integer NOT NULL,
	CONSTRAINT "write_guard_holds" CHECK("write_guards"."ok" = 1)
);
--> statement-breakpoint
ALTER TABLE `customers` ADD `name_sort` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `contact_sort` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `tags_sort` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `customers_sort_name_idx` ON `customers` (`reseller_id`,`name_sort`,`id`);--> statement-breakpoint
CREATE INDEX `customers_sort_contact_idx` ON `customers` (`reseller_id`,`contact_sort`,`id`);--> statement-breakpoint
CREATE INDEX `customers_sort_phone_idx` ON `customers` (`reseller_id`,`phone`,`id`);--> statement-breakpoint
CREATE INDEX `customers_sort_city_idx` ON `customers` (`reseller_id`,`city`,`id`);--> statement-breakpoint
CREATE INDEX `customers_sort_email_idx` ON `customers` (`reseller_id`,`email`,`id`);--> statement-breakpoint
CREATE INDEX `customers_sort_mrr_idx` ON `customers` (`reseller_id`,`monthly_revenue_cents`,`id`);--> statement-breakpoint
CREATE INDEX `customers_sort_products_idx` ON `customers` (`reseller_id`,`product_count`,`id`);--> statement-breakpoint
CREATE INDEX `customers_sort_state_idx` ON `customers` (`reseller_id`,`relationship_state`,`id`);--> statement-breakpoint
CREATE INDEX `customers_sort_tags_idx` ON `customers` (`reseller_id`,`tags_sort`,`id`);--> statement-breakpoint
CREATE INDEX `customers_country_idx` ON `customers` (`reseller_id`,`country`,`customer_number`);
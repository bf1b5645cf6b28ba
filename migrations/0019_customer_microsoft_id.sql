ALTER TABLE `customers` ADD `microsoft_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `customers_reseller_microsoft_id_unique` ON `customers` (`reseller_id`,`microsoft_id`) WHERE "customers"."microsoft_id" <> '';--> statement-breakpoint
CREATE INDEX `customers_primary_domain_idx` ON `customers` (`reseller_id`,`primary_domain`);
DROP INDEX `customers_sort_city_idx`;--> statement-breakpoint
ALTER TABLE `customers` ADD `city_sort` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `customers_sort_city_idx` ON `customers` (`reseller_id`,`city_sort`,`id`);
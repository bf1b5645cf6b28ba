DROP INDEX `customer_search_terms_customer_idx`;--> statement-breakpoint
CREATE INDEX `customer_search_terms_customer_term_idx` ON `customer_search_terms` (`customer_id`,`term`);
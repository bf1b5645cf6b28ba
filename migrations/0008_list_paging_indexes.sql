DROP INDEX `api_tokens_reseller_idx`;--> statement-breakpoint
CREATE INDEX `api_tokens_reseller_idx` ON `api_tokens` (`reseller_id`,`created_at`,`id`);--> statement-breakpoint
DROP INDEX `assets_customer_idx`;--> statement-breakpoint
CREATE INDEX `assets_customer_idx` ON `assets` (`reseller_id`,`customer_id`,`name`,`id`);--> statement-breakpoint
DROP INDEX `custom_fields_reseller_idx`;--> statement-breakpoint
CREATE INDEX `custom_fields_reseller_idx` ON `custom_fields` (`reseller_id`,`position`,`created_at`,`id`);--> statement-breakpoint
DROP INDEX `domains_customer_idx`;--> statement-breakpoint
CREATE INDEX `domains_customer_idx` ON `domains` (`reseller_id`,`customer_id`,`name`,`id`);--> statement-breakpoint
DROP INDEX `portal_users_customer_idx`;--> statement-breakpoint
CREATE INDEX `portal_users_customer_idx` ON `portal_users` (`reseller_id`,`customer_id`,`username`,`id`);--> statement-breakpoint
DROP INDEX `products_catalog_idx`;--> statement-breakpoint
CREATE INDEX `products_catalog_idx` ON `products` (`reseller_id`,`catalog`,`name`,`id`);--> statement-breakpoint
DROP INDEX `users_reseller_idx`;--> statement-breakpoint
CREATE INDEX `users_reseller_idx` ON `users` (`reseller_id`,`display_name`,`id`);--> statement-breakpoint
DROP INDEX `webhook_deliveries_endpoint_idx`;--> statement-breakpoint
CREATE INDEX `webhook_deliveries_endpoint_idx` ON `webhook_deliveries` (`endpoint_id`,`created_at`,`id`);--> statement-breakpoint
DROP INDEX `webhook_endpoints_reseller_idx`;--> statement-breakpoint
CREATE INDEX `webhook_endpoints_reseller_idx` ON `webhook_endpoints` (`reseller_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `subscriptions_name_idx` ON `subscriptions` (`reseller_id`,`customer_id`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `subscriptions_service_idx` ON `subscriptions` (`reseller_id`,`customer_id`,`service_name`,`id`);
CREATE TABLE `deleted_customers` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`reseller_id` text NOT NULL,
	`customer_number` text NOT NULL,
	`customer` text NOT NULL,
	`tag_ids` text NOT NULL,
	`domains` text NOT NULL,
	`invitation_ids` text NOT NULL,
	`deleted_by` text NOT NULL,
	`deleted_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`undo_until` text NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deleted_customers_reseller_idx` ON `deleted_customers` (`reseller_id`,`undo_until`);--> statement-breakpoint
ALTER TABLE `customers` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `archived_by` text;--> statement-breakpoint
-- Hand-written: the unfiltered list total (migration 0007) now leaves out archived customers too.
-- A customer is "listed" when its relationship is not removed and it is not archived.
DROP TRIGGER `customer_counts_insert`;--> statement-breakpoint
DROP TRIGGER `customer_counts_delete`;--> statement-breakpoint
DROP TRIGGER `customer_counts_update`;--> statement-breakpoint
CREATE TRIGGER `customer_counts_insert` AFTER INSERT ON `customers` WHEN NEW.`relationship_state` <> 'removed' AND NEW.`archived_at` IS NULL
BEGIN
  INSERT INTO `customer_counts` (`reseller_id`, `listed`) VALUES (NEW.`reseller_id`, 1)
    ON CONFLICT (`reseller_id`) DO UPDATE SET `listed` = `listed` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `customer_counts_delete` AFTER DELETE ON `customers` WHEN OLD.`relationship_state` <> 'removed' AND OLD.`archived_at` IS NULL
BEGIN
  UPDATE `customer_counts` SET `listed` = `listed` - 1 WHERE `reseller_id` = OLD.`reseller_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `customer_counts_update` AFTER UPDATE OF `relationship_state`, `archived_at` ON `customers`
  WHEN (OLD.`relationship_state` <> 'removed' AND OLD.`archived_at` IS NULL) <> (NEW.`relationship_state` <> 'removed' AND NEW.`archived_at` IS NULL)
BEGIN
  INSERT INTO `customer_counts` (`reseller_id`, `listed`) VALUES (NEW.`reseller_id`, CASE WHEN NEW.`relationship_state` <> 'removed' AND NEW.`archived_at` IS NULL THEN 1 ELSE -1 END)
    ON CONFLICT (`reseller_id`) DO UPDATE SET `listed` = `listed` + excluded.`listed`;
END;

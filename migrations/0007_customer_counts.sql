CREATE TABLE `customer_counts` (
	`reseller_id` text PRIMARY KEY NOT NULL,
	`listed` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `customer_counts` (`reseller_id`, `listed`)
  SELECT `reseller_id`, count(*) FROM `customers` WHERE `relationship_state` <> 'removed' GROUP BY `reseller_id`;
--> statement-breakpoint
CREATE TRIGGER `customer_counts_insert` AFTER INSERT ON `customers` WHEN NEW.`relationship_state` <> 'removed'
BEGIN
  INSERT INTO `customer_counts` (`reseller_id`, `listed`) VALUES (NEW.`reseller_id`, 1)
    ON CONFLICT (`reseller_id`) DO UPDATE SET `listed` = `listed` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `customer_counts_delete` AFTER DELETE ON `customers` WHEN OLD.`relationship_state` <> 'removed'
BEGIN
  UPDATE `customer_counts` SET `listed` = `listed` - 1 WHERE `reseller_id` = OLD.`reseller_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `customer_counts_update` AFTER UPDATE OF `relationship_state` ON `customers`
  WHEN (OLD.`relationship_state` = 'removed') <> (NEW.`relationship_state` = 'removed')
BEGIN
  INSERT INTO `customer_counts` (`reseller_id`, `listed`) VALUES (NEW.`reseller_id`, CASE WHEN NEW.`relationship_state` = 'removed' THEN -1 ELSE 1 END)
    ON CONFLICT (`reseller_id`) DO UPDATE SET `listed` = `listed` + excluded.`listed`;
END;

ALTER TABLE "reminders" RENAME COLUMN "sent_at" TO "queued_at";--> statement-breakpoint
-- What was called sent was only queued: whether it went out is read from the outbox.
UPDATE "reminders" SET "status" = 'queued' WHERE "status" = 'sent';

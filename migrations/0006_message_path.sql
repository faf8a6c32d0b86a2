CREATE TABLE "inbox" (
	"inbox_id" bigserial PRIMARY KEY NOT NULL,
	"community_id" integer,
	"platform" text NOT NULL,
	"bot_id" text NOT NULL,
	"update_key" text NOT NULL,
	"chat_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"handled_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"outbox_id" bigserial PRIMARY KEY NOT NULL,
	"community_id" integer,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"kind" text NOT NULL,
	"priority" integer NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"coalesce_key" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"message_id" text,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"reminder_id" bigserial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"natural_key" text NOT NULL,
	"kind" text NOT NULL,
	"object_id" integer,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "remind" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_update" ON "inbox" USING btree ("platform","bot_id","update_key");--> statement-breakpoint
CREATE INDEX "inbox_pending" ON "inbox" USING btree ("platform","bot_id","inbox_id") WHERE handled_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe" ON "outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_coalesce_pending" ON "outbox" USING btree ("coalesce_key") WHERE status = 'pending' and coalesce_key is not null;--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox" USING btree ("platform","priority","outbox_id") WHERE status in ('pending', 'sending');--> statement-breakpoint
CREATE UNIQUE INDEX "reminders_key" ON "reminders" USING btree ("community_id","natural_key");--> statement-breakpoint
CREATE INDEX "reminders_due" ON "reminders" USING btree ("due_at") WHERE status = 'pending';
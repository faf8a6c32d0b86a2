CREATE TABLE "guess_counters" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"n" integer NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "bind_failures" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "bind_failures" CASCADE;--> statement-breakpoint
CREATE INDEX "units_label" ON "units" USING btree ("label");
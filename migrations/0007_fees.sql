CREATE TABLE "bills" (
	"bill_id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"item" text NOT NULL,
	"period" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "faq_askers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"pending_id" integer NOT NULL,
	"platform" text NOT NULL,
	"user_id" text NOT NULL,
	"locale" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"notified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "faq_entries" (
	"faq_id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"faq_no" integer NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"keywords" text DEFAULT '' NOT NULL,
	"added_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "faq_pending" (
	"pending_id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"pending_no" integer NOT NULL,
	"question" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"faq_id" integer
);
--> statement-breakpoint
CREATE TABLE "fee_items" (
	"fee_item_id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"item" text NOT NULL,
	"basis" text NOT NULL,
	"rate_fen" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "income_records" (
	"income_id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"period" text NOT NULL,
	"item" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "income_rules" (
	"community_id" integer PRIMARY KEY NOT NULL,
	"shares" jsonb NOT NULL,
	"set_by" text NOT NULL,
	"set_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_unit_id_units_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_askers" ADD CONSTRAINT "faq_askers_pending_id_faq_pending_pending_id_fk" FOREIGN KEY ("pending_id") REFERENCES "public"."faq_pending"("pending_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_entries" ADD CONSTRAINT "faq_entries_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_pending" ADD CONSTRAINT "faq_pending_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_pending" ADD CONSTRAINT "faq_pending_faq_id_faq_entries_faq_id_fk" FOREIGN KEY ("faq_id") REFERENCES "public"."faq_entries"("faq_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_items" ADD CONSTRAINT "fee_items_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income_records" ADD CONSTRAINT "income_records_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income_rules" ADD CONSTRAINT "income_rules_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bills_unit_item_period" ON "bills" USING btree ("unit_id","item","period");--> statement-breakpoint
CREATE INDEX "bills_community" ON "bills" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "faq_askers_once" ON "faq_askers" USING btree ("pending_id","platform","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "faq_entries_no" ON "faq_entries" USING btree ("community_id","faq_no");--> statement-breakpoint
CREATE UNIQUE INDEX "faq_pending_no" ON "faq_pending" USING btree ("community_id","pending_no");--> statement-breakpoint
CREATE INDEX "faq_pending_open" ON "faq_pending" USING btree ("community_id","answered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_items_community_item" ON "fee_items" USING btree ("community_id","item");--> statement-breakpoint
CREATE INDEX "income_records_period" ON "income_records" USING btree ("community_id","period");
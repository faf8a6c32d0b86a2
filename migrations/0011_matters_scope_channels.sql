CREATE TABLE "proxies" (
	"proxy_id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"proxy_member_id" integer NOT NULL,
	"poll_id" integer,
	"granted_by" integer NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ballots" ADD COLUMN "channel" text DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE "ballots" ADD COLUMN "nonce" text DEFAULT gen_random_uuid()::text NOT NULL;--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "notice_days" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "polls" ADD COLUMN "matter" integer;--> statement-breakpoint
ALTER TABLE "polls" ADD COLUMN "scope" text;--> statement-breakpoint
ALTER TABLE "polls" ADD COLUMN "opens_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "polls" ADD COLUMN "notice_waived" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "proxies" ADD CONSTRAINT "proxies_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxies" ADD CONSTRAINT "proxies_unit_id_units_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxies" ADD CONSTRAINT "proxies_proxy_member_id_members_member_id_fk" FOREIGN KEY ("proxy_member_id") REFERENCES "public"."members"("member_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxies" ADD CONSTRAINT "proxies_poll_id_polls_poll_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("poll_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxies" ADD CONSTRAINT "proxies_granted_by_members_member_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."members"("member_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proxies_unit" ON "proxies" USING btree ("community_id","unit_id");--> statement-breakpoint
CREATE INDEX "proxies_proxy" ON "proxies" USING btree ("proxy_member_id");
CREATE TABLE "web_links" (
	"key" text PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"poll_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "web_links" ADD CONSTRAINT "web_links_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_links" ADD CONSTRAINT "web_links_poll_id_polls_poll_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("poll_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "web_links_poll_purpose" ON "web_links" USING btree ("poll_id","purpose");--> statement-breakpoint
CREATE INDEX "web_links_community" ON "web_links" USING btree ("community_id");
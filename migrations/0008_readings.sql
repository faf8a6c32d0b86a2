CREATE TABLE "seen_usernames" (
	"community_id" integer NOT NULL,
	"platform" text NOT NULL,
	"username" text NOT NULL,
	"user_id" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "polls" ADD COLUMN "option_letters" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "seen_usernames" ADD CONSTRAINT "seen_usernames_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "seen_usernames_pk" ON "seen_usernames" USING btree ("community_id","platform","username");
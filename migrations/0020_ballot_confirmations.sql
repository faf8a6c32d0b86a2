CREATE TABLE "ballot_confirmations" (
	"ballot_id" bigint NOT NULL,
	"community_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ballot_confirmations" ADD CONSTRAINT "ballot_confirmations_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_confirmations_pk" ON "ballot_confirmations" USING btree ("ballot_id","member_id");--> statement-breakpoint
CREATE INDEX "ballot_confirmations_community" ON "ballot_confirmations" USING btree ("community_id");
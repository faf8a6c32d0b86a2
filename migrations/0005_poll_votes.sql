CREATE TABLE "poll_votes" (
	"community_id" integer NOT NULL,
	"poll_id" integer NOT NULL,
	"holder_key" text NOT NULL,
	"option_no" integer NOT NULL,
	"area_centi" integer NOT NULL,
	"units" integer NOT NULL,
	"ballot_id" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_poll_id_polls_poll_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("poll_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "poll_votes_pk" ON "poll_votes" USING btree ("poll_id","holder_key");--> statement-breakpoint
CREATE INDEX "poll_votes_tally" ON "poll_votes" USING btree ("poll_id","option_no");
CREATE TABLE "poll_counts" (
	"community_id" integer NOT NULL,
	"poll_id" integer NOT NULL,
	"option_no" integer NOT NULL,
	"heads" integer NOT NULL,
	"area_centi" bigint NOT NULL,
	"units" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "poll_counts" ADD CONSTRAINT "poll_counts_poll_id_polls_poll_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("poll_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "poll_counts_pk" ON "poll_counts" USING btree ("poll_id","option_no");
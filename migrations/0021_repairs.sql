CREATE TABLE "repair_events" (
	"event_id" bigserial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"repair_id" integer NOT NULL,
	"action" text NOT NULL,
	"actor_member_id" integer,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"text" text
);
--> statement-breakpoint
CREATE TABLE "repairs" (
	"repair_id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"repair_no" integer NOT NULL,
	"reporter_member_id" integer NOT NULL,
	"building" text,
	"text" text NOT NULL,
	"status" text DEFAULT 'reported' NOT NULL,
	"assignee_kind" text,
	"assignee_member_id" integer,
	"assignee_name" text,
	"promised_at" timestamp with time zone,
	"reported_at" timestamp with time zone NOT NULL,
	"dispatched_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"rating" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "repair_events" ADD CONSTRAINT "repair_events_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_events" ADD CONSTRAINT "repair_events_repair_id_repairs_repair_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("repair_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_events" ADD CONSTRAINT "repair_events_actor_member_id_members_member_id_fk" FOREIGN KEY ("actor_member_id") REFERENCES "public"."members"("member_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repairs" ADD CONSTRAINT "repairs_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repairs" ADD CONSTRAINT "repairs_reporter_member_id_members_member_id_fk" FOREIGN KEY ("reporter_member_id") REFERENCES "public"."members"("member_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repairs" ADD CONSTRAINT "repairs_assignee_member_id_members_member_id_fk" FOREIGN KEY ("assignee_member_id") REFERENCES "public"."members"("member_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repair_events_repair" ON "repair_events" USING btree ("repair_id","event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "repairs_community_no" ON "repairs" USING btree ("community_id","repair_no");--> statement-breakpoint
CREATE INDEX "repairs_community_status" ON "repairs" USING btree ("community_id","status");--> statement-breakpoint
-- The stable reporting view of repair requests (SPEC §10, §14). building is the reporter's building
-- (null when the unit label names none); status is reported, dispatched, in_progress, fixed,
-- confirmed or reopened; assignee is 物业 (the property company) or the member's name; rating is
-- satisfied or unsatisfied once the reporter rated it.
CREATE VIEW report_repairs AS
SELECT
  c.name AS community,
  r.repair_no,
  r.building,
  r.status,
  r.reported_at,
  r.assignee_name AS assignee,
  r.promised_at,
  r.done_at,
  r.confirmed_at,
  r.rating
FROM repairs r
JOIN communities c ON c.community_id = r.community_id;

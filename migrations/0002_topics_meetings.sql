CREATE TABLE "conventions" (
	"convention_id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"title" text NOT NULL,
	"name_key" text NOT NULL,
	"version" integer,
	"articles" jsonb NOT NULL,
	"status" text NOT NULL,
	"poll_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	"adopted_at" timestamp with time zone,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_rsvps" (
	"community_id" integer NOT NULL,
	"meeting_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"meeting_id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"meeting_no" integer NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text,
	"kind" text DEFAULT 'meeting' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "topic_events" (
	"event_id" bigserial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"topic_id" integer NOT NULL,
	"action" text NOT NULL,
	"actor_member_id" integer,
	"actor" text NOT NULL,
	"actor_name" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"text" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "topic_seconds" (
	"community_id" integer NOT NULL,
	"topic_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"topic_id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"topic_no" integer NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by" integer,
	"proposed_at" timestamp with time zone NOT NULL,
	"agenda_date" timestamp with time zone,
	"decision" text,
	"decided_at" timestamp with time zone,
	"assignee" text,
	"due_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"feedback" text,
	"reject_reason" text,
	"poll_id" integer,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conventions" ADD CONSTRAINT "conventions_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conventions" ADD CONSTRAINT "conventions_poll_id_polls_poll_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("poll_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_rsvps" ADD CONSTRAINT "meeting_rsvps_meeting_id_meetings_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("meeting_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_rsvps" ADD CONSTRAINT "meeting_rsvps_member_id_members_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("member_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_members_member_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."members"("member_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_events" ADD CONSTRAINT "topic_events_topic_id_topics_topic_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("topic_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_events" ADD CONSTRAINT "topic_events_actor_member_id_members_member_id_fk" FOREIGN KEY ("actor_member_id") REFERENCES "public"."members"("member_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_seconds" ADD CONSTRAINT "topic_seconds_topic_id_topics_topic_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("topic_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_seconds" ADD CONSTRAINT "topic_seconds_unit_id_units_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_seconds" ADD CONSTRAINT "topic_seconds_member_id_members_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("member_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_proposed_by_members_member_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."members"("member_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conventions_version" ON "conventions" USING btree ("community_id","name_key","version");--> statement-breakpoint
CREATE UNIQUE INDEX "conventions_one_in_force" ON "conventions" USING btree ("community_id","name_key") WHERE status = 'in_force';--> statement-breakpoint
CREATE INDEX "conventions_community_status" ON "conventions" USING btree ("community_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_rsvps_once" ON "meeting_rsvps" USING btree ("meeting_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_community_no" ON "meetings" USING btree ("community_id","meeting_no");--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_community_kind_start" ON "meetings" USING btree ("community_id","kind","starts_at");--> statement-breakpoint
CREATE INDEX "topic_events_topic" ON "topic_events" USING btree ("topic_id","event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "topic_seconds_household" ON "topic_seconds" USING btree ("topic_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "topics_community_no" ON "topics" USING btree ("community_id","topic_no");--> statement-breakpoint
CREATE INDEX "topics_community_status" ON "topics" USING btree ("community_id","status");
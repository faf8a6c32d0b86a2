CREATE TABLE "audit_heads" (
	"community_id" integer PRIMARY KEY NOT NULL,
	"seq" integer DEFAULT 0 NOT NULL,
	"hash" text NOT NULL,
	"prev_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"community_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"entry" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"ballot_id" bigserial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"poll_id" integer NOT NULL,
	"holder_key" text NOT NULL,
	"holder_area_centi" integer NOT NULL,
	"holder_units" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"option_no" integer NOT NULL,
	"cast_at" timestamp with time zone NOT NULL,
	"source_key" text,
	"final" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bind_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_id" integer,
	"platform" text NOT NULL,
	"user_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "binding_codes" (
	"community_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "communities" (
	"community_id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"timezone" text NOT NULL,
	"deliberation_cron" text NOT NULL,
	"setup_code_hash" text NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"fee_answers" boolean DEFAULT true NOT NULL,
	"reminder_offsets" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "communities_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"group_id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "members" (
	"member_id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"platform" text NOT NULL,
	"user_id" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"stable_key" text,
	"unit_id" integer,
	"relation" text,
	"role" text DEFAULT 'resident' NOT NULL,
	"bound_at" timestamp with time zone,
	"locale" text
);
--> statement-breakpoint
CREATE TABLE "poll_messages" (
	"community_id" integer NOT NULL,
	"poll_id" integer NOT NULL,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"message_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_options" (
	"community_id" integer NOT NULL,
	"poll_id" integer NOT NULL,
	"option_no" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"poll_id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"poll_no" integer NOT NULL,
	"title" text NOT NULL,
	"rule" text NOT NULL,
	"secret" boolean DEFAULT false NOT NULL,
	"hide_results" boolean DEFAULT false NOT NULL,
	"final" boolean DEFAULT false NOT NULL,
	"convention" boolean DEFAULT false NOT NULL,
	"articles" jsonb,
	"abstain_option" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" integer,
	"opened_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"eligible_heads" integer NOT NULL,
	"eligible_area_centi" integer NOT NULL,
	"outcome" text DEFAULT 'open' NOT NULL,
	"result" jsonb,
	"topic_id" integer
);
--> statement-breakpoint
CREATE TABLE "processed_updates" (
	"community_id" integer,
	"source_key" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"unit_id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"label" text NOT NULL,
	"area_centi" integer NOT NULL,
	"owner_name" text NOT NULL,
	"owner_id" text
);
--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_poll_id_polls_poll_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("poll_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "binding_codes" ADD CONSTRAINT "binding_codes_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "binding_codes" ADD CONSTRAINT "binding_codes_unit_id_units_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_unit_id_units_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_messages" ADD CONSTRAINT "poll_messages_poll_id_polls_poll_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("poll_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_options" ADD CONSTRAINT "poll_options_poll_id_polls_poll_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("poll_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_opened_by_members_member_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."members"("member_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_community_id_communities_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("community_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_pk" ON "audit_log" USING btree ("community_id","seq");--> statement-breakpoint
CREATE INDEX "ballots_tally" ON "ballots" USING btree ("poll_id","holder_key","ballot_id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_source" ON "ballots" USING btree ("community_id","source_key");--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_final_once" ON "ballots" USING btree ("poll_id","holder_key") WHERE final;--> statement-breakpoint
CREATE INDEX "bind_failures_identity" ON "bind_failures" USING btree ("platform","user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "binding_codes_unit_kind" ON "binding_codes" USING btree ("unit_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "binding_codes_code" ON "binding_codes" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "groups_platform_chat" ON "groups" USING btree ("platform","chat_id");--> statement-breakpoint
CREATE INDEX "groups_community" ON "groups" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "members_community_identity" ON "members" USING btree ("community_id","platform","user_id");--> statement-breakpoint
CREATE INDEX "members_identity" ON "members" USING btree ("platform","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_messages_pk" ON "poll_messages" USING btree ("poll_id","platform","chat_id");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_options_pk" ON "poll_options" USING btree ("poll_id","option_no");--> statement-breakpoint
CREATE UNIQUE INDEX "polls_community_no" ON "polls" USING btree ("community_id","poll_no");--> statement-breakpoint
CREATE INDEX "polls_open" ON "polls" USING btree ("status","closes_at");--> statement-breakpoint
CREATE UNIQUE INDEX "units_community_label" ON "units" USING btree ("community_id","label");
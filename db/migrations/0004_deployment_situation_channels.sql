CREATE TYPE "public"."check_in_state" AS ENUM('ok', 'late', 'critical', 'help');--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "assessments_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"incident_id" uuid NOT NULL,
	"district_code" varchar(8) NOT NULL,
	"village_code" varchar(13),
	"village_name" text,
	"dead" integer DEFAULT 0 NOT NULL,
	"missing" integer DEFAULT 0 NOT NULL,
	"injured_severe" integer DEFAULT 0 NOT NULL,
	"injured_light" integer DEFAULT 0 NOT NULL,
	"displaced_families" integer DEFAULT 0 NOT NULL,
	"displaced_people" integer DEFAULT 0 NOT NULL,
	"houses_heavy" integer DEFAULT 0 NOT NULL,
	"houses_moderate" integer DEFAULT 0 NOT NULL,
	"houses_light" integer DEFAULT 0 NOT NULL,
	"houses_flooded" integer DEFAULT 0 NOT NULL,
	"vulnerable" jsonb NOT NULL,
	"shelter" text,
	"public_facilities" text,
	"urgent_needs" jsonb NOT NULL,
	"needs_text" text,
	"lat" double precision,
	"lng" double precision,
	"status" varchar(12) DEFAULT 'unverified' NOT NULL,
	"review_reason" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"submitted_by" uuid NOT NULL,
	"submitter_name" text NOT NULL,
	"volunteer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_status_known" CHECK ("assessments"."status" in ('unverified', 'verified', 'rejected')),
	CONSTRAINT "assessments_counts_not_negative" CHECK (least("assessments"."dead", "assessments"."missing", "assessments"."injured_severe", "assessments"."injured_light", "assessments"."displaced_families", "assessments"."displaced_people", "assessments"."houses_heavy", "assessments"."houses_moderate", "assessments"."houses_light", "assessments"."houses_flooded") >= 0)
);
--> statement-breakpoint
CREATE TABLE "assignment_codes" (
	"assignment_id" uuid PRIMARY KEY NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"code" varchar(8) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_inbound" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" varchar(30) NOT NULL,
	"provider_message_id" varchar(200) NOT NULL,
	"from_phone" varchar(32) NOT NULL,
	"text" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"volunteer_id" uuid,
	"command" varchar(20),
	"reply" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" varchar(10) NOT NULL,
	"provider" varchar(30) NOT NULL,
	"kind" varchar(20) NOT NULL,
	"province_code" varchar(2) NOT NULL,
	"volunteer_id" uuid,
	"assignment_id" uuid,
	"request_id" uuid,
	"incident_id" uuid,
	"to_phone" varchar(16) NOT NULL,
	"text" text NOT NULL,
	"status" varchar(10) DEFAULT 'queued' NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"provider_message_id" varchar(200),
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_messages_status" CHECK ("channel_messages"."status" in ('queued', 'sent', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "channel_preferences" (
	"volunteer_id" uuid PRIMARY KEY NOT NULL,
	"mode" varchar(10) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_preferences_mode" CHECK ("channel_preferences"."mode" in ('fallback', 'always'))
);
--> statement-breakpoint
CREATE TABLE "channel_settings" (
	"province_code" varchar(2) PRIMARY KEY NOT NULL,
	"sms_enabled" boolean DEFAULT true NOT NULL,
	"whatsapp_enabled" boolean DEFAULT false NOT NULL,
	"reminder_minutes" smallint DEFAULT 30,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "check_in_watches" (
	"assignment_id" uuid PRIMARY KEY NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" "check_in_state" DEFAULT 'ok' NOT NULL,
	"state_changed_at" timestamp with time zone NOT NULL,
	"last_check_in_at" timestamp with time zone,
	"last_note" text,
	"last_lat" double precision,
	"last_lng" double precision,
	"last_position_at" timestamp with time zone,
	"contacted_at" timestamp with time zone,
	"contacted_note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sitreps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid NOT NULL,
	"issuer_name" text NOT NULL,
	"sections" jsonb NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deployment_requests" ADD COLUMN "bring" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "deployment_requests" ADD COLUMN "check_in_seconds" integer;--> statement-breakpoint
ALTER TABLE "deployment_requests" ADD COLUMN "check_in_grace_seconds" integer DEFAULT 1800 NOT NULL;--> statement-breakpoint
ALTER TABLE "deployment_requests" ADD COLUMN "check_in_en_route" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "provinces" ADD COLUMN "hotline" varchar(16);--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_codes" ADD CONSTRAINT "assignment_codes_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_codes" ADD CONSTRAINT "assignment_codes_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_inbound" ADD CONSTRAINT "channel_inbound_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_messages" ADD CONSTRAINT "channel_messages_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_messages" ADD CONSTRAINT "channel_messages_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_messages" ADD CONSTRAINT "channel_messages_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_messages" ADD CONSTRAINT "channel_messages_request_id_deployment_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."deployment_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_messages" ADD CONSTRAINT "channel_messages_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_preferences" ADD CONSTRAINT "channel_preferences_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_settings" ADD CONSTRAINT "channel_settings_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in_watches" ADD CONSTRAINT "check_in_watches_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sitreps" ADD CONSTRAINT "sitreps_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_incident_place_idx" ON "assessments" USING btree ("incident_id","district_code","village_code","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "assignment_codes_volunteer_code_idx" ON "assignment_codes" USING btree ("volunteer_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_inbound_provider_message_idx" ON "channel_inbound" USING btree ("provider","provider_message_id");--> statement-breakpoint
CREATE INDEX "channel_inbound_volunteer_idx" ON "channel_inbound" USING btree ("volunteer_id","received_at");--> statement-breakpoint
CREATE INDEX "channel_messages_queue_idx" ON "channel_messages" USING btree ("next_attempt_at") WHERE "channel_messages"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "channel_messages_provider_id_idx" ON "channel_messages" USING btree ("provider","provider_message_id");--> statement-breakpoint
CREATE INDEX "channel_messages_volunteer_idx" ON "channel_messages" USING btree ("volunteer_id","created_at");--> statement-breakpoint
CREATE INDEX "channel_messages_request_idx" ON "channel_messages" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "channel_messages_province_idx" ON "channel_messages" USING btree ("province_code","created_at");--> statement-breakpoint
CREATE INDEX "check_in_watches_due_idx" ON "check_in_watches" USING btree ("due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sitreps_incident_number_idx" ON "sitreps" USING btree ("incident_id","number");
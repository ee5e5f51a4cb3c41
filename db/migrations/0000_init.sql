CREATE TYPE "public"."assignment_status" AS ENUM('offered', 'accepted', 'declined', 'expired', 'en_route', 'on_site', 'completed', 'withdrawn', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."availability" AS ENUM('available', 'deployed', 'unavailable');--> statement-breakpoint
CREATE TYPE "public"."incident_phase" AS ENUM('reported', 'response', 'recovery', 'closed');--> statement-breakpoint
CREATE TYPE "public"."incident_type" AS ENUM('flood', 'forest_fire', 'landslide', 'whirlwind', 'earthquake', 'settlement_fire', 'drought', 'neglected_person', 'other_social');--> statement-breakpoint
CREATE TYPE "public"."regency_kind" AS ENUM('kabupaten', 'kota');--> statement-breakpoint
CREATE TYPE "public"."request_status" AS ENUM('open', 'filled', 'expired', 'cancelled', 'closed');--> statement-breakpoint
CREATE TYPE "public"."tagana_rank" AS ENUM('muda', 'madya', 'utama');--> statement-breakpoint
CREATE TYPE "public"."time_zone" AS ENUM('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura');--> statement-breakpoint
CREATE TYPE "public"."training_kind" AS ENUM('bimtek', 'latsar', 'camp', 'other');--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"status" "assignment_status" DEFAULT 'offered' NOT NULL,
	"decline_reason" text,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	"departed_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"arrived_lat" double precision,
	"arrived_lng" double precision,
	"completed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "command_receipts" (
	"key" varchar(100) PRIMARY KEY NOT NULL,
	"command" varchar(60) NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployment_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"slots" integer NOT NULL,
	"accepted_count" integer DEFAULT 0 NOT NULL,
	"pillar_codes" varchar(40)[] NOT NULL,
	"source_regency_codes" varchar(5)[] NOT NULL,
	"skill" text,
	"training_id" uuid,
	"meeting_point" text NOT NULL,
	"meeting_lat" double precision,
	"meeting_lng" double precision,
	"deadline" timestamp with time zone NOT NULL,
	"status" "request_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deployment_requests_slots_positive" CHECK ("deployment_requests"."slots" > 0),
	CONSTRAINT "deployment_requests_capacity" CHECK ("deployment_requests"."accepted_count" between 0 and "deployment_requests"."slots")
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"code" varchar(8) PRIMARY KEY NOT NULL,
	"regency_code" varchar(5) NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"type" varchar(60) NOT NULL,
	"province_code" varchar(2) NOT NULL,
	"regency_code" varchar(5),
	"volunteer_id" uuid,
	"incident_id" uuid,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" "incident_type" NOT NULL,
	"title" text NOT NULL,
	"severity" smallint NOT NULL,
	"phase" "incident_phase" DEFAULT 'reported' NOT NULL,
	"province_code" varchar(2) NOT NULL,
	"regency_code" varchar(5) NOT NULL,
	"district_code" varchar(8),
	"lat" double precision,
	"lng" double precision,
	"description" text DEFAULT '' NOT NULL,
	"needs" text DEFAULT '' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_severity_range" CHECK ("incidents"."severity" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "pillars" (
	"code" varchar(40) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"province_code" varchar(2),
	"sort_order" smallint DEFAULT 100 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pillars_code_format" CHECK ("pillars"."code" ~ '^[a-z0-9_]+$')
);
--> statement-breakpoint
CREATE TABLE "provinces" (
	"code" varchar(2) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"time_zone" time_zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regencies" (
	"code" varchar(5) PRIMARY KEY NOT NULL,
	"province_code" varchar(2) NOT NULL,
	"kind" "regency_kind" NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"lat" double precision,
	"lng" double precision
);
--> statement-breakpoint
CREATE TABLE "socket_io_attachments" (
	"id" bigserial NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	"payload" "bytea",
	CONSTRAINT "socket_io_attachments_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "training_kind" NOT NULL,
	"name" text NOT NULL,
	"organiser" text NOT NULL,
	"province_code" varchar(2),
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trainings_dates" CHECK ("trainings"."ends_on" >= "trainings"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "volunteer_trainings" (
	"volunteer_id" uuid NOT NULL,
	"training_id" uuid NOT NULL,
	"completed_on" date NOT NULL,
	CONSTRAINT "volunteer_trainings_volunteer_id_training_id_pk" PRIMARY KEY("volunteer_id","training_id")
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"phone" varchar(16) NOT NULL,
	"pillar_code" varchar(40) NOT NULL,
	"regency_code" varchar(5) NOT NULL,
	"district_code" varchar(8),
	"availability" "availability" DEFAULT 'available' NOT NULL,
	"availability_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_civil_servant" boolean DEFAULT false NOT NULL,
	"tagana_rank" "tagana_rank",
	"is_team_leader" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteers_phone_format" CHECK ("volunteers"."phone" ~ '^\+62[0-9]{8,13}$')
);
--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_request_id_deployment_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."deployment_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_requests" ADD CONSTRAINT "deployment_requests_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_requests" ADD CONSTRAINT "deployment_requests_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "districts" ADD CONSTRAINT "districts_regency_code_regencies_code_fk" FOREIGN KEY ("regency_code") REFERENCES "public"."regencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_regency_code_regencies_code_fk" FOREIGN KEY ("regency_code") REFERENCES "public"."regencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_regency_code_regencies_code_fk" FOREIGN KEY ("regency_code") REFERENCES "public"."regencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pillars" ADD CONSTRAINT "pillars_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regencies" ADD CONSTRAINT "regencies_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD CONSTRAINT "volunteer_trainings_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD CONSTRAINT "volunteer_trainings_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_pillar_code_pillars_code_fk" FOREIGN KEY ("pillar_code") REFERENCES "public"."pillars"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_regency_code_regencies_code_fk" FOREIGN KEY ("regency_code") REFERENCES "public"."regencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_request_volunteer_idx" ON "assignments" USING btree ("request_id","volunteer_id");--> statement-breakpoint
CREATE INDEX "assignments_volunteer_status_idx" ON "assignments" USING btree ("volunteer_id","status");--> statement-breakpoint
CREATE INDEX "deployment_requests_incident_idx" ON "deployment_requests" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "deployment_requests_open_deadline_idx" ON "deployment_requests" USING btree ("deadline") WHERE "deployment_requests"."status" = 'open';--> statement-breakpoint
CREATE INDEX "districts_regency_idx" ON "districts" USING btree ("regency_code");--> statement-breakpoint
CREATE INDEX "events_province_idx" ON "events" USING btree ("province_code","id");--> statement-breakpoint
CREATE INDEX "events_volunteer_idx" ON "events" USING btree ("volunteer_id","id");--> statement-breakpoint
CREATE INDEX "events_incident_idx" ON "events" USING btree ("incident_id","id");--> statement-breakpoint
CREATE INDEX "incidents_province_phase_idx" ON "incidents" USING btree ("province_code","phase");--> statement-breakpoint
CREATE INDEX "regencies_province_idx" ON "regencies" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "trainings_province_idx" ON "trainings" USING btree ("province_code","starts_on");--> statement-breakpoint
CREATE INDEX "volunteer_trainings_training_idx" ON "volunteer_trainings" USING btree ("training_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteers_phone_idx" ON "volunteers" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "volunteers_regency_availability_idx" ON "volunteers" USING btree ("regency_code","availability");--> statement-breakpoint
CREATE INDEX "volunteers_pillar_idx" ON "volunteers" USING btree ("pillar_code");
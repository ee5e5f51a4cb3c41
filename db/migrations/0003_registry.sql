CREATE TYPE "public"."gender" AS ENUM('male', 'female');--> statement-breakpoint
CREATE TYPE "public"."signup_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
ALTER TYPE "public"."training_kind" ADD VALUE 'diklat_basic' BEFORE 'other';--> statement-breakpoint
ALTER TYPE "public"."training_kind" ADD VALUE 'diklat_advanced' BEFORE 'other';--> statement-breakpoint
CREATE TABLE "coverage_rules" (
	"regency_code" varchar(5) NOT NULL,
	"pillar_code" varchar(40) NOT NULL,
	"minimum_per_district" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coverage_rules_regency_code_pillar_code_pk" PRIMARY KEY("regency_code","pillar_code"),
	CONSTRAINT "coverage_rules_positive" CHECK ("coverage_rules"."minimum_per_district" between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "readiness_minimums" (
	"regency_code" varchar(5) NOT NULL,
	"pillar_code" varchar(40) NOT NULL,
	"minimum_available" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "readiness_minimums_regency_code_pillar_code_pk" PRIMARY KEY("regency_code","pillar_code"),
	CONSTRAINT "readiness_minimums_positive" CHECK ("readiness_minimums"."minimum_available" between 1 and 100000)
);
--> statement-breakpoint
CREATE TABLE "signup_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token" varchar(43) NOT NULL,
	"title" text NOT NULL,
	"province_code" varchar(2) NOT NULL,
	"regency_code" varchar(5),
	"pillar_code" varchar(40) NOT NULL,
	"training_id" uuid,
	"valid_until" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"link_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" varchar(16) NOT NULL,
	"nik" varchar(16),
	"regency_code" varchar(5) NOT NULL,
	"district_code" varchar(8),
	"village" text,
	"gender" "gender",
	"birth_year" smallint,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "signup_status" DEFAULT 'pending' NOT NULL,
	"duplicate_of" uuid,
	"volunteer_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_by" uuid NOT NULL,
	"province_code" varchar(2) NOT NULL,
	"regency_code" varchar(5),
	"file_name" text NOT NULL,
	"file_hash" varchar(64) NOT NULL,
	"sheet" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"rows" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone,
	"result" jsonb
);
--> statement-breakpoint
DROP INDEX "volunteers_phone_idx";--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "actor_id" uuid;--> statement-breakpoint
ALTER TABLE "trainings" ADD COLUMN "place" text;--> statement-breakpoint
ALTER TABLE "trainings" ADD COLUMN "valid_months" smallint;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD COLUMN "certified_on" date;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD COLUMN "valid_until" date;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "nik" varchar(16);--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "village" text;--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "gender" "gender";--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "birth_year" smallint;--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "emergency_contact_name" text;--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "emergency_contact_phone" varchar(16);--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "retired_reason" text;--> statement-breakpoint
ALTER TABLE "coverage_rules" ADD CONSTRAINT "coverage_rules_regency_code_regencies_code_fk" FOREIGN KEY ("regency_code") REFERENCES "public"."regencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_rules" ADD CONSTRAINT "coverage_rules_pillar_code_pillars_code_fk" FOREIGN KEY ("pillar_code") REFERENCES "public"."pillars"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_rules" ADD CONSTRAINT "coverage_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readiness_minimums" ADD CONSTRAINT "readiness_minimums_regency_code_regencies_code_fk" FOREIGN KEY ("regency_code") REFERENCES "public"."regencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readiness_minimums" ADD CONSTRAINT "readiness_minimums_pillar_code_pillars_code_fk" FOREIGN KEY ("pillar_code") REFERENCES "public"."pillars"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readiness_minimums" ADD CONSTRAINT "readiness_minimums_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_links" ADD CONSTRAINT "signup_links_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_links" ADD CONSTRAINT "signup_links_regency_code_regencies_code_fk" FOREIGN KEY ("regency_code") REFERENCES "public"."regencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_links" ADD CONSTRAINT "signup_links_pillar_code_pillars_code_fk" FOREIGN KEY ("pillar_code") REFERENCES "public"."pillars"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_links" ADD CONSTRAINT "signup_links_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_links" ADD CONSTRAINT "signup_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_link_id_signup_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."signup_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_regency_code_regencies_code_fk" FOREIGN KEY ("regency_code") REFERENCES "public"."regencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_duplicate_of_volunteers_id_fk" FOREIGN KEY ("duplicate_of") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_imports" ADD CONSTRAINT "volunteer_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_imports" ADD CONSTRAINT "volunteer_imports_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_imports" ADD CONSTRAINT "volunteer_imports_regency_code_regencies_code_fk" FOREIGN KEY ("regency_code") REFERENCES "public"."regencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "signup_links_token_idx" ON "signup_links" USING btree ("token");--> statement-breakpoint
CREATE INDEX "signup_links_province_idx" ON "signup_links" USING btree ("province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "signups_link_phone_idx" ON "signups" USING btree ("link_id","phone");--> statement-breakpoint
CREATE INDEX "signups_link_status_idx" ON "signups" USING btree ("link_id","status");--> statement-breakpoint
CREATE INDEX "volunteer_imports_creator_idx" ON "volunteer_imports" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE INDEX "events_actor_idx" ON "events" USING btree ("actor_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteers_nik_idx" ON "volunteers" USING btree ("nik") WHERE "volunteers"."retired_at" is null and "volunteers"."nik" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "volunteers_phone_idx" ON "volunteers" USING btree ("phone") WHERE "volunteers"."retired_at" is null;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_valid_months" CHECK ("trainings"."valid_months" between 1 and 600);--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_nik_format" CHECK ("volunteers"."nik" ~ '^[0-9]{16}$');--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_birth_year" CHECK ("volunteers"."birth_year" between 1900 and 2100);--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_emergency_phone_format" CHECK ("volunteers"."emergency_contact_phone" ~ '^\+62[0-9]{8,13}$');--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_retired_reason" CHECK (("volunteers"."retired_at" is null) = ("volunteers"."retired_reason" is null));
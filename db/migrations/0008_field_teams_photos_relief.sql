ALTER TYPE "public"."assignment_status" ADD VALUE 'relieved';--> statement-breakpoint
ALTER TYPE "public"."assignment_status" ADD VALUE 'returned';--> statement-breakpoint
ALTER TYPE "public"."message_audience" ADD VALUE 'team';--> statement-breakpoint
CREATE TABLE "assessment_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"n" integer NOT NULL,
	"content_type" varchar(12) NOT NULL,
	"bytes" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"upload_key" varchar(100),
	"uploaded_by" uuid NOT NULL,
	"volunteer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_photos_number_range" CHECK ("assessment_photos"."n" between 1 and 3),
	CONSTRAINT "assessment_photos_type_known" CHECK ("assessment_photos"."content_type" in ('image/jpeg', 'image/webp', 'image/png'))
);
--> statement-breakpoint
CREATE TABLE "channel_send_pace" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"next_send_at" timestamp with time zone NOT NULL,
	CONSTRAINT "channel_send_pace_single_row" CHECK ("channel_send_pace"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "request_waves" (
	"request_id" uuid NOT NULL,
	"number" smallint NOT NULL,
	"offered_at" timestamp with time zone NOT NULL,
	"offered" integer NOT NULL,
	CONSTRAINT "request_waves_request_id_number_pk" PRIMARY KEY("request_id","number")
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"volunteer_id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"province_code" varchar(2) NOT NULL,
	"regency_code" varchar(5) NOT NULL,
	"pillar_code" varchar(40),
	"leader_volunteer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "relieved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "relieved_by_assignment_id" uuid;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "returned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "rest_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deployment_requests" ADD COLUMN "shift_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deployment_requests" ADD COLUMN "relieves_request_id" uuid;--> statement-breakpoint
ALTER TABLE "deployment_requests" ADD COLUMN "audience_kind" varchar(16) DEFAULT 'match' NOT NULL;--> statement-breakpoint
ALTER TABLE "deployment_requests" ADD COLUMN "wave_factor" smallint;--> statement-breakpoint
ALTER TABLE "deployment_requests" ADD COLUMN "wave_minutes" integer;--> statement-breakpoint
ALTER TABLE "deployment_requests" ADD COLUMN "next_wave_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "districts" ADD COLUMN "lat" double precision;--> statement-breakpoint
ALTER TABLE "districts" ADD COLUMN "lng" double precision;--> statement-breakpoint
ALTER TABLE "provinces" ADD COLUMN "rest_hours" smallint DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "assessment_photos" ADD CONSTRAINT "assessment_photos_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_photos" ADD CONSTRAINT "assessment_photos_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_waves" ADD CONSTRAINT "request_waves_request_id_deployment_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."deployment_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_regency_code_regencies_code_fk" FOREIGN KEY ("regency_code") REFERENCES "public"."regencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_pillar_code_pillars_code_fk" FOREIGN KEY ("pillar_code") REFERENCES "public"."pillars"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_leader_volunteer_id_volunteers_id_fk" FOREIGN KEY ("leader_volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_photos_number_idx" ON "assessment_photos" USING btree ("assessment_id","n");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_photos_upload_key_idx" ON "assessment_photos" USING btree ("assessment_id","upload_key");--> statement-breakpoint
CREATE INDEX "team_members_team_idx" ON "team_members" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_regency_name_idx" ON "teams" USING btree ("regency_code",lower("name"));--> statement-breakpoint
CREATE INDEX "teams_province_idx" ON "teams" USING btree ("province_code");--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_relieved_by_assignment_id_assignments_id_fk" FOREIGN KEY ("relieved_by_assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_requests" ADD CONSTRAINT "deployment_requests_relieves_request_id_deployment_requests_id_fk" FOREIGN KEY ("relieves_request_id") REFERENCES "public"."deployment_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_rest_ends_idx" ON "assignments" USING btree ("rest_ends_at") WHERE "assignments"."rest_ends_at" is not null;--> statement-breakpoint
CREATE INDEX "deployment_requests_next_wave_idx" ON "deployment_requests" USING btree ("next_wave_at") WHERE "deployment_requests"."next_wave_at" is not null;--> statement-breakpoint
CREATE INDEX "deployment_requests_relieves_idx" ON "deployment_requests" USING btree ("relieves_request_id") WHERE "deployment_requests"."relieves_request_id" is not null;
CREATE TABLE "access_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "access_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"actor_id" uuid NOT NULL,
	"kind" varchar(20) NOT NULL,
	"volunteer_id" uuid,
	"province_code" varchar(2),
	"regency_code" varchar(5),
	"filter" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rows" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_records_kind" CHECK ("access_records"."kind" in ('record', 'roster', 'export'))
);
--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "position_consent" boolean;--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "text_consent" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "access_records" ADD CONSTRAINT "access_records_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_records" ADD CONSTRAINT "access_records_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_records" ADD CONSTRAINT "access_records_regency_code_regencies_code_fk" FOREIGN KEY ("regency_code") REFERENCES "public"."regencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_records_volunteer_idx" ON "access_records" USING btree ("volunteer_id","id");--> statement-breakpoint
CREATE INDEX "access_records_province_idx" ON "access_records" USING btree ("province_code","id");
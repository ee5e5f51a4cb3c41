CREATE TABLE "province_asks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"from_province_code" varchar(2) NOT NULL,
	"to_province_code" varchar(2) NOT NULL,
	"slots" integer NOT NULL,
	"pillar_codes" varchar(40)[] NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"meeting_point" text NOT NULL,
	"meeting_lat" double precision,
	"meeting_lng" double precision,
	"bring" text DEFAULT '' NOT NULL,
	"note" text,
	"status" varchar(16) DEFAULT 'open' NOT NULL,
	"decline_reason" text,
	"source_regency_codes" varchar(5)[] DEFAULT '{}'::varchar[] NOT NULL,
	"request_id" uuid,
	"asked_by" uuid NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "province_asks_other_province" CHECK ("province_asks"."from_province_code" <> "province_asks"."to_province_code"),
	CONSTRAINT "province_asks_status" CHECK ("province_asks"."status" in ('open', 'accepted', 'declined'))
);
--> statement-breakpoint
ALTER TABLE "province_asks" ADD CONSTRAINT "province_asks_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "province_asks" ADD CONSTRAINT "province_asks_from_province_code_provinces_code_fk" FOREIGN KEY ("from_province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "province_asks" ADD CONSTRAINT "province_asks_to_province_code_provinces_code_fk" FOREIGN KEY ("to_province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "province_asks" ADD CONSTRAINT "province_asks_request_id_deployment_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."deployment_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "province_asks_to_idx" ON "province_asks" USING btree ("to_province_code","created_at");--> statement-breakpoint
CREATE INDEX "province_asks_from_idx" ON "province_asks" USING btree ("from_province_code","created_at");--> statement-breakpoint
CREATE INDEX "province_asks_incident_idx" ON "province_asks" USING btree ("incident_id");
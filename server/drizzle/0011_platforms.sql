CREATE TABLE "anomaly_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"max_hours_per_day" numeric(6, 1) NOT NULL,
	"min_minutes_per_hour" integer NOT NULL,
	"course_length_min_samples" integer NOT NULL,
	"updated_by_account_id" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_platforms" (
	"id" serial PRIMARY KEY NOT NULL,
	"base_org_id" integer NOT NULL,
	"base_org_path" text NOT NULL,
	"bureau_org_id" integer NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"status" text NOT NULL,
	"reject_reason" text,
	"client_id" text,
	"secret_sealed" text,
	"credential_state" text DEFAULT 'none' NOT NULL,
	"credential_issued_at" timestamp with time zone,
	"credential_revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_by_account_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decided_by_account_id" integer,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform_nonces" (
	"platform_id" integer NOT NULL,
	"nonce" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "platform_nonces_platform_id_nonce_pk" PRIMARY KEY("platform_id","nonce")
);
--> statement-breakpoint
CREATE TABLE "platform_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform_id" integer NOT NULL,
	"record_id" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"first_status" text NOT NULL,
	"first_reason" text,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"person_id" integer,
	"unit_path" text,
	"id_number_masked" text NOT NULL,
	"name" text NOT NULL,
	"course_id" text NOT NULL,
	"course_title" text NOT NULL,
	"subject" text NOT NULL,
	"series" text NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"declaration_id" integer,
	"decided_by_account_id" integer,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "platform_id" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "learning_platforms_client" ON "learning_platforms" USING btree ("client_id") WHERE client_id is not null;--> statement-breakpoint
CREATE INDEX "learning_platforms_base" ON "learning_platforms" USING btree ("base_org_id","id");--> statement-breakpoint
CREATE INDEX "learning_platforms_bureau" ON "learning_platforms" USING btree ("bureau_org_id","status","id");--> statement-breakpoint
CREATE INDEX "platform_nonces_expiry" ON "platform_nonces" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "platform_records_once" ON "platform_records" USING btree ("platform_id","record_id");--> statement-breakpoint
CREATE INDEX "platform_records_person" ON "platform_records" USING btree ("person_id","finished_at") WHERE person_id is not null;--> statement-breakpoint
CREATE INDEX "platform_records_held" ON "platform_records" USING btree ("platform_id","id") WHERE status = 'held';--> statement-breakpoint
CREATE INDEX "platform_records_course" ON "platform_records" USING btree ("platform_id","course_id") WHERE status = 'accepted';
CREATE TABLE "stored_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"original_name" text,
	"uploaded_by_account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_files_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "certificate_number_counters" (
	"region_prefix" text PRIMARY KEY NOT NULL,
	"last_serial" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "professional_change_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"front_file_id" integer,
	"back_file_id" integer,
	"reject_reason" text,
	"reviewed_by_account_id" integer,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "professional_profiles" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"cert_no" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"ethnicity" text,
	"native_place" text,
	"graduated_school" text,
	"major" text NOT NULL,
	"title_series" text NOT NULL,
	"title_level" text NOT NULL,
	"archived_at" timestamp with time zone,
	"archived_by_account_id" integer,
	"archive_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "professional_profiles_cert_no_unique" UNIQUE("cert_no")
);
--> statement-breakpoint
CREATE TABLE "professional_transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"from_org_id" integer NOT NULL,
	"from_work_department_id" integer,
	"to_org_id" integer NOT NULL,
	"to_work_department_id" integer,
	"initiated_by" text NOT NULL,
	"initiated_by_account_id" integer NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"reject_reason" text,
	"rejected_by_org_id" integer,
	"out_reviewed_by_account_id" integer,
	"out_reviewed_at" timestamp with time zone,
	"in_reviewed_by_account_id" integer,
	"in_reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "stored_files_uploader" ON "stored_files" USING btree ("uploaded_by_account_id");--> statement-breakpoint
CREATE INDEX "professional_change_requests_person" ON "professional_change_requests" USING btree ("person_id","id");--> statement-breakpoint
CREATE INDEX "professional_change_requests_queue" ON "professional_change_requests" USING btree ("org_id","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "professional_change_requests_one_pending" ON "professional_change_requests" USING btree ("person_id","kind") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "professional_profiles_title" ON "professional_profiles" USING btree ("title_series","title_level");--> statement-breakpoint
CREATE INDEX "professional_transfers_person" ON "professional_transfers" USING btree ("person_id","id");--> statement-breakpoint
CREATE INDEX "professional_transfers_from" ON "professional_transfers" USING btree ("from_org_id","status","id");--> statement-breakpoint
CREATE INDEX "professional_transfers_to" ON "professional_transfers" USING btree ("to_org_id","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "professional_transfers_one_live" ON "professional_transfers" USING btree ("person_id") WHERE status in ('pending_out', 'pending_in');
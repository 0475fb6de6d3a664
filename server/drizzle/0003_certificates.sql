CREATE TABLE "certificate_signing_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"bureau_org_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"kid" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_key_encrypted" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "seal_admin_filings" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"filed_by_account_id" integer NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"unit_name" text NOT NULL,
	"industry" text NOT NULL,
	"org_code" text NOT NULL,
	"admin_name" text NOT NULL,
	"gender" text NOT NULL,
	"work_department" text NOT NULL,
	"title" text NOT NULL,
	"phone" text NOT NULL,
	"fax" text,
	"email" text NOT NULL,
	"post_code" text NOT NULL,
	"address" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seal_applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"bureau_org_id" integer NOT NULL,
	"status" text NOT NULL,
	"seal_text" text NOT NULL,
	"reason" text NOT NULL,
	"applicant_account_id" integer NOT NULL,
	"applicant_name" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"reviewed_by_account_id" integer,
	"reviewer_name" text,
	"reviewed_at" timestamp with time zone,
	"reject_reason" text,
	"kid" text,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_signing_keys_kid" ON "certificate_signing_keys" USING btree ("kid");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_signing_keys_bureau_seq" ON "certificate_signing_keys" USING btree ("bureau_org_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_signing_keys_active" ON "certificate_signing_keys" USING btree ("bureau_org_id") WHERE retired_at is null;--> statement-breakpoint
CREATE INDEX "seal_admin_filings_org" ON "seal_admin_filings" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "seal_applications_bureau_pending" ON "seal_applications" USING btree ("bureau_org_id") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "seal_applications_bureau_approved" ON "seal_applications" USING btree ("bureau_org_id") WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "seal_applications_bureau" ON "seal_applications" USING btree ("bureau_org_id","id");--> statement-breakpoint
CREATE INDEX "seal_applications_status" ON "seal_applications" USING btree ("status","id");
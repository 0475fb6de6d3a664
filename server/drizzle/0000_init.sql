CREATE TABLE "accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"role" text NOT NULL,
	"org_id" integer NOT NULL,
	"status" text NOT NULL,
	"is_super_admin" boolean DEFAULT false NOT NULL,
	"admin_role_id" integer,
	"work_department_id" integer,
	"reject_reason" text,
	"reviewed_by_account_id" integer,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_roles" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"permissions" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_work_department_scopes" (
	"account_id" integer NOT NULL,
	"work_department_id" integer NOT NULL,
	CONSTRAINT "admin_work_department_scopes_account_id_work_department_id_pk" PRIMARY KEY("account_id","work_department_id")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_account_id" integer,
	"actor_name" text,
	"actor_role" text,
	"actor_org_id" integer,
	"scope_path" text,
	"action" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text,
	"result" text NOT NULL,
	"detail" jsonb,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "captchas" (
	"id" text PRIMARY KEY NOT NULL,
	"answer_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "one_time_codes" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"region_code" text NOT NULL,
	"parent_id" integer,
	"path" text NOT NULL,
	"depth" integer NOT NULL,
	"status" text NOT NULL,
	"nature" text,
	"level" text,
	"industry" text,
	"address" text,
	"contact_name" text,
	"contact_phone" text,
	"no_department" boolean DEFAULT false NOT NULL,
	"reject_reason" text,
	"reviewed_by_account_id" integer,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" serial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" serial PRIMARY KEY NOT NULL,
	"id_number" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"phone" text,
	"email" text,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"failed_login_window_start" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"password_changed_at" timestamp with time zone,
	CONSTRAINT "persons_id_number_unique" UNIQUE("id_number")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"idle_minutes" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "work_departments" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"declaration_id" integer NOT NULL,
	"storage_key" text NOT NULL,
	"original_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by_account_id" integer NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_caps" (
	"form" text PRIMARY KEY NOT NULL,
	"max_hours" numeric(6, 1) NOT NULL,
	"updated_by_account_id" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"declaration_id" integer NOT NULL,
	"submission_no" integer NOT NULL,
	"action" text NOT NULL,
	"level" integer,
	"actor_account_id" integer,
	"actor_name" text,
	"org_id" integer,
	"org_name" text,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_sample_items" (
	"sample_id" integer NOT NULL,
	"declaration_id" integer NOT NULL,
	"position" integer NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"checked_by_account_id" integer,
	"checked_at" timestamp with time zone,
	CONSTRAINT "declaration_sample_items_sample_id_declaration_id_pk" PRIMARY KEY("sample_id","declaration_id")
);
--> statement-breakpoint
CREATE TABLE "declaration_samples" (
	"id" serial PRIMARY KEY NOT NULL,
	"bureau_org_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"year" integer NOT NULL,
	"seed" text NOT NULL,
	"rate" numeric(7, 6),
	"requested_count" integer,
	"population_size" integer NOT NULL,
	"sample_size" integer NOT NULL,
	"drawn_by_account_id" integer NOT NULL,
	"drawn_by_name" text NOT NULL,
	"drawn_by_org_id" integer NOT NULL,
	"drawn_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_windows" (
	"year" integer PRIMARY KEY NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"updated_by_account_id" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_year_openings" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"year" integer NOT NULL,
	"bureau_org_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"unit_id" integer NOT NULL,
	"reason" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by_account_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by_account_id" integer
);
--> statement-breakpoint
CREATE TABLE "declarations" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"unit_path" text NOT NULL,
	"work_department_id" integer,
	"year" integer NOT NULL,
	"subject" text NOT NULL,
	"form" text NOT NULL,
	"title" text NOT NULL,
	"organiser" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"assessment_result" text NOT NULL,
	"params" jsonb NOT NULL,
	"months_on_duty" integer,
	"claimed_hours" numeric(6, 1) NOT NULL,
	"standard_hours" numeric(6, 1),
	"standard_covers" text,
	"standard_basis" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"submission_no" integer DEFAULT 0 NOT NULL,
	"review_chain" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"current_level" integer,
	"current_reviewer_org_id" integer,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"rejected_at" timestamp with time zone,
	"reject_reason" text,
	"rejected_by_org_id" integer,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"revoked_by_org_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "certificates" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"issuer_org_id" integer NOT NULL,
	"issuer_name" text NOT NULL,
	"public_hours" numeric(6, 1) NOT NULL,
	"professional_hours" numeric(6, 1) NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_on" date NOT NULL,
	"issued_by_declaration_id" integer,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"revoked_by_declaration_id" integer,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "historical_hour_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"declaration_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"entered_by_name" text NOT NULL,
	"paper_certificate_no" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requirement_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"from_year" integer NOT NULL,
	"to_year" integer,
	"title_levels" text[],
	"region_prefixes" text[],
	"not_region_prefixes" text[],
	"public_hours" numeric(6, 1) NOT NULL,
	"professional_hours" numeric(6, 1) NOT NULL,
	"basis" text NOT NULL,
	"created_by_account_id" integer NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
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
CREATE UNIQUE INDEX "accounts_person_role_live" ON "accounts" USING btree ("person_id","role") WHERE status in ('pending', 'active', 'archived');--> statement-breakpoint
CREATE INDEX "accounts_org_role_status" ON "accounts" USING btree ("org_id","role","status");--> statement-breakpoint
CREATE UNIQUE INDEX "admin_roles_org_name" ON "admin_roles" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "audit_log_scope" ON "audit_log" USING btree ("scope_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "one_time_codes_person" ON "one_time_codes" USING btree ("person_id","purpose");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_credit_code_live" ON "organisations" USING btree ("credit_code") WHERE status in ('pending', 'active');--> statement-breakpoint
CREATE INDEX "organisations_path" ON "organisations" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "organisations_parent_status" ON "organisations" USING btree ("parent_id","status");--> statement-breakpoint
CREATE INDEX "organisations_region_kind" ON "organisations" USING btree ("region_code","kind","status");--> statement-breakpoint
CREATE INDEX "sessions_account" ON "sessions" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "work_departments_org_name" ON "work_departments" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "declaration_attachments_declaration" ON "declaration_attachments" USING btree ("declaration_id");--> statement-breakpoint
CREATE INDEX "declaration_events_declaration" ON "declaration_events" USING btree ("declaration_id","id");--> statement-breakpoint
CREATE INDEX "declaration_sample_items_declaration" ON "declaration_sample_items" USING btree ("declaration_id");--> statement-breakpoint
CREATE INDEX "declaration_samples_scope" ON "declaration_samples" USING btree ("scope_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "declaration_year_openings_person" ON "declaration_year_openings" USING btree ("person_id","year");--> statement-breakpoint
CREATE INDEX "declaration_year_openings_scope" ON "declaration_year_openings" USING btree ("scope_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "declarations_queue" ON "declarations" USING btree ("current_reviewer_org_id","year","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "declarations_person" ON "declarations" USING btree ("person_id","year","id");--> statement-breakpoint
CREATE INDEX "declarations_scope" ON "declarations" USING btree ("unit_path" text_pattern_ops,"year","status","id");--> statement-breakpoint
CREATE INDEX "declarations_year_status" ON "declarations" USING btree ("year","status","id");--> statement-breakpoint
CREATE INDEX "stored_files_uploader" ON "stored_files" USING btree ("uploaded_by_account_id");--> statement-breakpoint
CREATE INDEX "professional_change_requests_person" ON "professional_change_requests" USING btree ("person_id","id");--> statement-breakpoint
CREATE INDEX "professional_change_requests_queue" ON "professional_change_requests" USING btree ("org_id","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "professional_change_requests_one_pending" ON "professional_change_requests" USING btree ("person_id","kind") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "professional_profiles_title" ON "professional_profiles" USING btree ("title_series","title_level");--> statement-breakpoint
CREATE INDEX "professional_transfers_person" ON "professional_transfers" USING btree ("person_id","id");--> statement-breakpoint
CREATE INDEX "professional_transfers_from" ON "professional_transfers" USING btree ("from_org_id","status","id");--> statement-breakpoint
CREATE INDEX "professional_transfers_to" ON "professional_transfers" USING btree ("to_org_id","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "professional_transfers_one_live" ON "professional_transfers" USING btree ("person_id") WHERE status in ('pending_out', 'pending_in');--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_signing_keys_kid" ON "certificate_signing_keys" USING btree ("kid");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_signing_keys_bureau_seq" ON "certificate_signing_keys" USING btree ("bureau_org_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_signing_keys_active" ON "certificate_signing_keys" USING btree ("bureau_org_id") WHERE retired_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_one_valid" ON "certificates" USING btree ("person_id","year") WHERE status = 'valid';--> statement-breakpoint
CREATE INDEX "certificates_person" ON "certificates" USING btree ("person_id","year","id");--> statement-breakpoint
CREATE UNIQUE INDEX "historical_hour_entries_declaration" ON "historical_hour_entries" USING btree ("declaration_id");--> statement-breakpoint
CREATE INDEX "historical_hour_entries_org" ON "historical_hour_entries" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "seal_admin_filings_org" ON "seal_admin_filings" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "seal_applications_bureau_pending" ON "seal_applications" USING btree ("bureau_org_id") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "seal_applications_bureau_approved" ON "seal_applications" USING btree ("bureau_org_id") WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "seal_applications_bureau" ON "seal_applications" USING btree ("bureau_org_id","id");--> statement-breakpoint
CREATE INDEX "seal_applications_status" ON "seal_applications" USING btree ("status","id");
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
CREATE INDEX "declaration_attachments_declaration" ON "declaration_attachments" USING btree ("declaration_id");--> statement-breakpoint
CREATE INDEX "declaration_events_declaration" ON "declaration_events" USING btree ("declaration_id","id");--> statement-breakpoint
CREATE INDEX "declaration_sample_items_declaration" ON "declaration_sample_items" USING btree ("declaration_id");--> statement-breakpoint
CREATE INDEX "declaration_samples_scope" ON "declaration_samples" USING btree ("scope_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "declaration_year_openings_person" ON "declaration_year_openings" USING btree ("person_id","year");--> statement-breakpoint
CREATE INDEX "declaration_year_openings_scope" ON "declaration_year_openings" USING btree ("scope_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "declarations_queue" ON "declarations" USING btree ("current_reviewer_org_id","year","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "declarations_person" ON "declarations" USING btree ("person_id","year","id");--> statement-breakpoint
CREATE INDEX "declarations_scope" ON "declarations" USING btree ("unit_path" text_pattern_ops,"year","status","id");--> statement-breakpoint
CREATE INDEX "declarations_year_status" ON "declarations" USING btree ("year","status","id");
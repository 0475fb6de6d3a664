CREATE TABLE "declaration_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"declarer_account_id" integer NOT NULL,
	"declarer_name" text NOT NULL,
	"declarer_org_id" integer NOT NULL,
	"declarer_org_path" text NOT NULL,
	"declarer_org_kind" text NOT NULL,
	"work_department_ids" integer[],
	"file_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"evidence_file_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"job_id" text NOT NULL,
	"status" text NOT NULL,
	"row_count" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"error_report_file_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "batch_id" integer;--> statement-breakpoint
CREATE INDEX "declaration_batches_org" ON "declaration_batches" USING btree ("declarer_org_id","id");--> statement-breakpoint
CREATE INDEX "declaration_batches_sha" ON "declaration_batches" USING btree ("declarer_org_id","file_sha256");--> statement-breakpoint
CREATE INDEX "declarations_batch" ON "declarations" USING btree ("batch_id") WHERE batch_id is not null;
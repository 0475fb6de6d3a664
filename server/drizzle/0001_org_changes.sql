CREATE TABLE "org_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"old_parent_id" integer,
	"new_parent_id" integer,
	"old_parent_decision" text,
	"new_parent_decision" text,
	"licence_file_id" integer,
	"merged_into_org_id" integer,
	"requested_by_account_id" integer NOT NULL,
	"requested_by_name" text NOT NULL,
	"reject_reason" text,
	"rejected_by_org_id" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
DROP INDEX "accounts_person_role_live";--> statement-breakpoint
CREATE INDEX "org_changes_org" ON "org_changes" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "org_changes_merged_into" ON "org_changes" USING btree ("merged_into_org_id");--> statement-breakpoint
CREATE INDEX "org_changes_old_parent_queue" ON "org_changes" USING btree ("old_parent_id","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "org_changes_new_parent_queue" ON "org_changes" USING btree ("new_parent_id","id") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "org_changes_one_pending" ON "org_changes" USING btree ("org_id") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_person_role_live" ON "accounts" USING btree ("person_id","role") WHERE status in ('pending', 'active', 'archived', 'disabled');
CREATE TABLE "training_plan_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"revision" integer NOT NULL,
	"action" text NOT NULL,
	"actor_account_id" integer,
	"actor_name" text,
	"org_id" integer,
	"org_name" text,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"org_kind" text NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"trainings" jsonb NOT NULL,
	"approved_trainings" jsonb,
	"review_chain" integer[] NOT NULL,
	"current_level" integer,
	"current_reviewer_org_id" integer,
	"revision" integer DEFAULT 1 NOT NULL,
	"is_amendment" boolean DEFAULT false NOT NULL,
	"reject_reason" text,
	"filed_by_account_id" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "declaration_batches" ADD COLUMN "plan_id" integer;--> statement-breakpoint
ALTER TABLE "declaration_batches" ADD COLUMN "plan_training_key" text;--> statement-breakpoint
CREATE INDEX "training_plan_events_plan" ON "training_plan_events" USING btree ("plan_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_plans_org_year" ON "training_plans" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "training_plans_queue" ON "training_plans" USING btree ("current_reviewer_org_id","id") WHERE "training_plans"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "training_plans_scope" ON "training_plans" USING btree ("org_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "declaration_batches_plan" ON "declaration_batches" USING btree ("plan_id","id") WHERE "declaration_batches"."plan_id" is not null;
CREATE TABLE "base_classes" (
	"id" serial PRIMARY KEY NOT NULL,
	"base_org_id" integer NOT NULL,
	"base_org_path" text NOT NULL,
	"title" text NOT NULL,
	"subject" text NOT NULL,
	"form" text NOT NULL,
	"series" text,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"online" boolean NOT NULL,
	"place" text NOT NULL,
	"evidence_file_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"created_by_account_id" integer NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "declaration_batches" ADD COLUMN "base_class_id" integer;--> statement-breakpoint
CREATE INDEX "base_classes_base" ON "base_classes" USING btree ("base_org_id","id");--> statement-breakpoint
CREATE INDEX "declaration_batches_base_class" ON "declaration_batches" USING btree ("base_class_id","id") WHERE "declaration_batches"."base_class_id" is not null;
CREATE TABLE "consultation_messages" (
	"id" serial PRIMARY KEY NOT NULL,
	"consultation_id" integer NOT NULL,
	"kind" text NOT NULL,
	"from_asker" boolean NOT NULL,
	"author_account_id" integer,
	"author_name" text NOT NULL,
	"org_id" integer,
	"org_name" text,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" serial PRIMARY KEY NOT NULL,
	"asker_kind" text NOT NULL,
	"asker_person_id" integer,
	"asker_account_id" integer,
	"asker_name" text NOT NULL,
	"asker_contact" text,
	"lookup_code" text,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"attachment_file_id" integer,
	"origin_org_id" integer NOT NULL,
	"origin_org_path" text NOT NULL,
	"current_org_id" integer NOT NULL,
	"current_org_path" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "faq_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"source_consultation_id" integer,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"published_by_account_id" integer NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"org_kind" text NOT NULL,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"body_html" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"attachment_file_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"author_account_id" integer NOT NULL,
	"author_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "consultation_messages_thread" ON "consultation_messages" USING btree ("consultation_id","id");--> statement-breakpoint
CREATE INDEX "consultations_queue" ON "consultations" USING btree ("current_org_id","status","last_activity_at");--> statement-breakpoint
CREATE INDEX "consultations_origin_path" ON "consultations" USING btree ("origin_org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "consultations_current_path" ON "consultations" USING btree ("current_org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "consultations_asker" ON "consultations" USING btree ("asker_person_id","last_activity_at");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_lookup_code" ON "consultations" USING btree ("lookup_code");--> statement-breakpoint
CREATE INDEX "faq_entries_published" ON "faq_entries" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "faq_entries_org" ON "faq_entries" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "notices_org" ON "notices" USING btree ("org_id","updated_at");--> statement-breakpoint
CREATE INDEX "notices_public" ON "notices" USING btree ("region_code","published_at") WHERE status = 'published' and org_kind = 'hrss';
CREATE TABLE "certificate_shares" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"recipient" text NOT NULL,
	"years" integer[] NOT NULL,
	"show_full_id" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate_views" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"years" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"outcome" text NOT NULL,
	"ip_masked" text NOT NULL,
	"ua_family" text NOT NULL,
	"share_id" integer,
	"recipient" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_shares_token" ON "certificate_shares" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "certificate_shares_person" ON "certificate_shares" USING btree ("person_id","id");--> statement-breakpoint
CREATE INDEX "certificate_views_person" ON "certificate_views" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "certificate_views_share" ON "certificate_views" USING btree ("share_id") WHERE share_id is not null;--> statement-breakpoint
CREATE INDEX "certificate_views_at" ON "certificate_views" USING btree ("at");
CREATE TABLE "province_transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"unit_path" text NOT NULL,
	"province" text NOT NULL,
	"certificate_no" text NOT NULL,
	"note" text NOT NULL,
	"evidence_file_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "origin_province" text;--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "transfer_id" integer;--> statement-breakpoint
CREATE INDEX "province_transfers_person" ON "province_transfers" USING btree ("person_id","id");--> statement-breakpoint
CREATE INDEX "declarations_transfer" ON "declarations" USING btree ("transfer_id") WHERE transfer_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "declarations_transfer_once" ON "declarations" USING btree ("person_id","year","subject") WHERE origin_province is not null and status in ('pending', 'approved');
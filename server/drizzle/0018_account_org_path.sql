-- Every account carries its organisation's path (professionals/repo.ts lists a subtree by it).
-- Added empty, filled from organisations in one set-based statement, then required; the indexes
-- are built last, over the filled rows.
ALTER TABLE "accounts" ADD COLUMN "org_path" text;--> statement-breakpoint
UPDATE "accounts" SET "org_path" = "organisations"."path" FROM "organisations" WHERE "organisations"."id" = "accounts"."org_id";--> statement-breakpoint
ALTER TABLE "accounts" ALTER COLUMN "org_path" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "accounts_depth2" ON "accounts" USING btree (split_part("org_path", '/', 3),"id");--> statement-breakpoint
CREATE INDEX "accounts_depth3" ON "accounts" USING btree (split_part("org_path", '/', 4),"id");--> statement-breakpoint
CREATE INDEX "accounts_depth4" ON "accounts" USING btree (split_part("org_path", '/', 5),"id");

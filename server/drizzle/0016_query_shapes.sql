-- Trigram indexes for name search (pg_trgm: contrib in PostgreSQL, @electric-sql/pglite/contrib/pg_trgm in PGlite).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "audit_log_depth2" ON "audit_log" USING btree (split_part("scope_path", '/', 3),"id");--> statement-breakpoint
CREATE INDEX "audit_log_depth3" ON "audit_log" USING btree (split_part("scope_path", '/', 4),"id");--> statement-breakpoint
CREATE INDEX "organisations_name_prefix" ON "organisations" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "organisations_name_trgm" ON "organisations" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "persons_name_prefix" ON "persons" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "persons_name_trgm" ON "persons" USING gin ("name" gin_trgm_ops);
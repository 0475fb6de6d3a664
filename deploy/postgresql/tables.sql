-- Per-table autovacuum of the platform's big tables (deploy/README.md, "PostgreSQL"). Run once on
-- the primary after the first start has created the tables (psql "$DATABASE_URL" -f tables.sql);
-- the settings replicate. `npm run bench -- province` applies this file to its database.
--
-- The default scale factors (20 % dead, 10 % changed, 20 % inserted) mean that at 50 million
-- declarations autovacuum waits for 10 million dead rows and the planner's statistics for 5 million
-- changes: queue and list plans would be chosen on stale counts. 1 % / 0.5 % keeps them current.
ALTER TABLE declarations SET (
  autovacuum_vacuum_scale_factor = 0.01,
  autovacuum_analyze_scale_factor = 0.005,
  autovacuum_vacuum_insert_scale_factor = 0.01
);
ALTER TABLE declaration_events SET (
  autovacuum_vacuum_insert_scale_factor = 0.02,
  autovacuum_analyze_scale_factor = 0.02
);
ALTER TABLE certificates SET (
  autovacuum_vacuum_scale_factor = 0.02,
  autovacuum_analyze_scale_factor = 0.01
);
-- Append-only: vacuum only to keep the visibility map current (index-only scans of the audit pages).
ALTER TABLE audit_log SET (
  autovacuum_vacuum_insert_scale_factor = 0.02,
  autovacuum_analyze_scale_factor = 0.02
);
-- Sessions are written on every request: vacuum often, they are small.
ALTER TABLE sessions SET (autovacuum_vacuum_scale_factor = 0.05);

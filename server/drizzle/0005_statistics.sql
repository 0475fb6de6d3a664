CREATE TABLE "stat_person_years" (
	"person_id" integer NOT NULL,
	"year" integer NOT NULL,
	"public_hours" numeric(7, 1) NOT NULL,
	"professional_hours" numeric(7, 1) NOT NULL,
	"required_public" numeric(7, 1) NOT NULL,
	"required_professional" numeric(7, 1) NOT NULL,
	"passed" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stat_person_years_person_id_year_pk" PRIMARY KEY("person_id","year")
);
--> statement-breakpoint
CREATE TABLE "stat_refreshes" (
	"year" integer PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"rollup_rows" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stat_rollups" (
	"org_id" integer NOT NULL,
	"year" integer NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"registered" integer NOT NULL,
	"with_hours" integer NOT NULL,
	"passed" integer NOT NULL,
	"public_hours" numeric(14, 1) NOT NULL,
	"professional_hours" numeric(14, 1) NOT NULL,
	"pending" integer NOT NULL,
	CONSTRAINT "stat_rollups_org_id_year_dim_key_pk" PRIMARY KEY("org_id","year","dim","key")
);
--> statement-breakpoint
CREATE INDEX "stat_person_years_year" ON "stat_person_years" USING btree ("year","passed");
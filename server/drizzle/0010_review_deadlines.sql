CREATE TABLE "overdue_digests" (
	"account_id" integer NOT NULL,
	"day" date NOT NULL,
	"overdue" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "overdue_digests_account_id_day_pk" PRIMARY KEY("account_id","day")
);
--> statement-breakpoint
CREATE TABLE "review_deadlines" (
	"id" integer PRIMARY KEY NOT NULL,
	"days" integer NOT NULL,
	"updated_by_account_id" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);

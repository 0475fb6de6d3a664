ALTER TABLE "declarations" ALTER COLUMN "subject" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "declarations" ALTER COLUMN "form" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "declarations" ALTER COLUMN "title" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "declarations" ALTER COLUMN "organiser" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "declarations" ALTER COLUMN "start_date" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "declarations" ALTER COLUMN "end_date" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "declarations" ALTER COLUMN "assessment_result" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "declarations" ALTER COLUMN "claimed_hours" DROP NOT NULL;
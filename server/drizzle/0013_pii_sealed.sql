ALTER TABLE "persons" DROP CONSTRAINT "persons_id_number_unique";--> statement-breakpoint
ALTER TABLE "persons" ALTER COLUMN "id_number" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "id_number_enc" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "id_number_index" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "phone_enc" text;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_id_number_index_unique" UNIQUE("id_number_index");
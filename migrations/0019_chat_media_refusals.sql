CREATE TABLE "chat_media_refusals" (
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"refused_at" timestamp with time zone NOT NULL,
	CONSTRAINT "chat_media_refusals_platform_chat_id_pk" PRIMARY KEY("platform","chat_id")
);

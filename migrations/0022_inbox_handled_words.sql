-- A handled update keeps its keys (platform, bot, update id, chat) for the redelivery check, not its
-- words: what residents wrote (a binding code, a phone number, an amount) is read again only while the
-- update waits to be handled. The updates handled before this migration lose theirs now.
UPDATE "inbox" SET "payload" = '{}'::jsonb WHERE "handled_at" IS NOT NULL AND "payload" <> '{}'::jsonb;

-- Stable reporting views for topics and meetings (SPEC §10). agenda_date is the deliberation day's
-- calendar date in the community's time zone; for a rejected topic, decision holds the reason.
CREATE VIEW report_topics AS
SELECT
  c.name AS community,
  t.topic_no,
  t.title,
  t.status,
  (SELECT count(*) FROM topic_seconds s WHERE s.topic_id = t.topic_id)::integer AS seconds,
  t.proposed_at,
  (t.agenda_date AT TIME ZONE c.timezone)::date AS agenda_date,
  CASE WHEN t.status = 'rejected' THEN t.reject_reason ELSE t.decision END AS decision,
  t.assignee,
  t.due_at,
  t.done_at,
  t.feedback
FROM topics t
JOIN communities c ON c.community_id = t.community_id;
--> statement-breakpoint
CREATE VIEW report_meetings AS
SELECT
  c.name AS community,
  m.meeting_no,
  m.title,
  m.starts_at,
  m.place,
  (SELECT count(*) FROM meeting_rsvps r WHERE r.meeting_id = m.meeting_id)::integer AS rsvps
FROM meetings m
JOIN communities c ON c.community_id = m.community_id
WHERE m.cancelled_at IS NULL;

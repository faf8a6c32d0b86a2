-- Stable reporting views for committees and auditors (SPEC §10). Areas in m², numeric with two decimals.
CREATE VIEW report_polls AS
SELECT
  c.name AS community,
  p.poll_no,
  p.title,
  p.rule,
  p.status,
  p.opened_at,
  p.closes_at,
  p.closed_at,
  p.eligible_heads,
  round(p.eligible_area_centi / 100.0, 2)::numeric(14, 2) AS eligible_area_m2,
  coalesce(v.heads, 0)::integer AS voted_heads,
  round(coalesce(v.area, 0) / 100.0, 2)::numeric(14, 2) AS voted_area_m2,
  p.outcome
FROM polls p
JOIN communities c ON c.community_id = p.community_id
LEFT JOIN LATERAL (
  SELECT count(*) AS heads, sum(l.holder_area_centi) AS area
  FROM (
    SELECT DISTINCT ON (b.holder_key) b.holder_area_centi
    FROM ballots b WHERE b.poll_id = p.poll_id
    ORDER BY b.holder_key, b.ballot_id DESC
  ) l
) v ON true;
--> statement-breakpoint
CREATE VIEW report_poll_options AS
SELECT
  c.name AS community,
  p.poll_no,
  o.option_no,
  o.text AS option_text,
  coalesce(v.heads, 0)::integer AS heads,
  round(coalesce(v.area, 0) / 100.0, 2)::numeric(14, 2) AS area_m2,
  coalesce(v.households, 0)::integer AS households,
  CASE WHEN p.status = 'closed' THEN coalesce((
    SELECT (r.value ->> 'passed')::boolean
    FROM jsonb_array_elements(p.result -> 'options') r
    WHERE (r.value ->> 'optionNo')::integer = o.option_no
  ), false) END AS passed
FROM poll_options o
JOIN polls p ON p.poll_id = o.poll_id
JOIN communities c ON c.community_id = p.community_id
LEFT JOIN LATERAL (
  SELECT count(*) AS heads, sum(l.holder_area_centi) AS area, sum(l.holder_units) AS households
  FROM (
    SELECT DISTINCT ON (b.holder_key) b.option_no, b.holder_area_centi, b.holder_units
    FROM ballots b WHERE b.poll_id = p.poll_id
    ORDER BY b.holder_key, b.ballot_id DESC
  ) l
  WHERE l.option_no = o.option_no
) v ON true;

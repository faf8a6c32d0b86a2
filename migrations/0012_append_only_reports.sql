-- Ballots and the audit log are append-only, enforced by the database for every role that does not
-- bypass triggers (SPEC §10): UPDATE, DELETE and TRUNCATE fail.
CREATE FUNCTION yishi_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END
$$;
--> statement-breakpoint
CREATE TRIGGER ballots_append_only BEFORE UPDATE OR DELETE ON ballots FOR EACH ROW EXECUTE FUNCTION yishi_append_only();
--> statement-breakpoint
CREATE TRIGGER ballots_no_truncate BEFORE TRUNCATE ON ballots FOR EACH STATEMENT EXECUTE FUNCTION yishi_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION yishi_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION yishi_append_only();
--> statement-breakpoint
-- Whether a unit label (`2-1-501`) lies in a poll's scope (`2` or `2-1`, null: everywhere).
-- Mirrors `inScope` of src/domain/scope.ts: leading zeros of numeric parts are ignored.
CREATE FUNCTION yishi_in_scope(label text, scope text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT scope IS NULL OR (
    cardinality(x.p) > cardinality(x.w) AND NOT EXISTS (
      SELECT 1 FROM generate_subscripts(x.w, 1) AS i
      WHERE (CASE WHEN x.p[i] ~ '^[0-9]+$' THEN coalesce(nullif(ltrim(x.p[i], '0'), ''), '0') ELSE x.p[i] END) IS DISTINCT FROM x.w[i]
    )
  )
  FROM (SELECT string_to_array(upper(label), '-') AS p, string_to_array(scope, '-') AS w) AS x
$$;
--> statement-breakpoint
CREATE OR REPLACE VIEW report_polls AS
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
  p.outcome,
  p.matter,
  p.scope,
  coalesce(p.opens_at, p.opened_at) AS opens_at
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
CREATE OR REPLACE VIEW report_poll_options AS
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
  ), false) END AS passed,
  coalesce(v.online, 0)::integer AS online,
  coalesce(v.paper, 0)::integer AS paper,
  coalesce(v.assisted, 0)::integer AS assisted,
  coalesce(v.proxy, 0)::integer AS proxy
FROM poll_options o
JOIN polls p ON p.poll_id = o.poll_id
JOIN communities c ON c.community_id = p.community_id
LEFT JOIN LATERAL (
  SELECT count(*) AS heads, sum(l.holder_area_centi) AS area, sum(l.holder_units) AS households,
    count(*) FILTER (WHERE l.channel = 'online') AS online,
    count(*) FILTER (WHERE l.channel = 'paper') AS paper,
    count(*) FILTER (WHERE l.channel = 'assisted') AS assisted,
    count(*) FILTER (WHERE l.channel = 'proxy') AS proxy
  FROM (
    SELECT DISTINCT ON (b.holder_key) b.option_no, b.holder_area_centi, b.holder_units, b.channel
    FROM ballots b WHERE b.poll_id = p.poll_id
    ORDER BY b.holder_key, b.ballot_id DESC
  ) l
  WHERE l.option_no = o.option_no
) v ON true;

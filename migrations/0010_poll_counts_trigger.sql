-- poll_counts: heads, area and units per option of each poll, kept equal to the sums over poll_votes
-- by statement-level triggers (one upsert per statement and option, whatever the batch size).
CREATE FUNCTION poll_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO poll_counts AS c (community_id, poll_id, option_no, heads, area_centi, units)
      SELECT community_id, poll_id, option_no, count(*), sum(area_centi), sum(units) FROM new_rows GROUP BY 1, 2, 3
      ON CONFLICT (poll_id, option_no) DO UPDATE
        SET heads = c.heads + excluded.heads, area_centi = c.area_centi + excluded.area_centi, units = c.units + excluded.units;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO poll_counts AS c (community_id, poll_id, option_no, heads, area_centi, units)
      SELECT community_id, poll_id, option_no, sum(h), sum(a), sum(u) FROM (
        SELECT community_id, poll_id, option_no, 1 AS h, area_centi::bigint AS a, units AS u FROM new_rows
        UNION ALL
        SELECT community_id, poll_id, option_no, -1, -area_centi::bigint, -units FROM old_rows
      ) d GROUP BY 1, 2, 3
      ON CONFLICT (poll_id, option_no) DO UPDATE
        SET heads = c.heads + excluded.heads, area_centi = c.area_centi + excluded.area_centi, units = c.units + excluded.units;
  ELSE
    INSERT INTO poll_counts AS c (community_id, poll_id, option_no, heads, area_centi, units)
      SELECT community_id, poll_id, option_no, -count(*), -sum(area_centi), -sum(units) FROM old_rows GROUP BY 1, 2, 3
      ON CONFLICT (poll_id, option_no) DO UPDATE
        SET heads = c.heads + excluded.heads, area_centi = c.area_centi + excluded.area_centi, units = c.units + excluded.units;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER poll_votes_counts_insert AFTER INSERT ON poll_votes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION poll_counts_apply();
--> statement-breakpoint
CREATE TRIGGER poll_votes_counts_update AFTER UPDATE ON poll_votes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION poll_counts_apply();
--> statement-breakpoint
CREATE TRIGGER poll_votes_counts_delete AFTER DELETE ON poll_votes REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION poll_counts_apply();
--> statement-breakpoint
INSERT INTO poll_counts (community_id, poll_id, option_no, heads, area_centi, units)
  SELECT community_id, poll_id, option_no, count(*), sum(area_centi), sum(units) FROM poll_votes GROUP BY 1, 2, 3;

import { sql, type SQL } from 'drizzle-orm';
import { publicationList } from '../app/ballot-entry.js';
import { getPollByNo } from '../app/polls.js';
import { rows, type Db } from '../db/client.js';
import type { Locale } from '../chat/model.js';
import { manifestReports } from '../features/registry.js';
import type { ReportView } from '../features/manifest.js';
import { CliError, type Cell, type Table } from './output.js';

/** Every report name `export` knows, in the order of the manifests (`polls`, `ballots`, `topics`, `meetings`, `repairs`). */
export function reportKinds(): string[] {
  return manifestReports().map((r) => r.name);
}

/** The reports the desk's exports page links to: those with a label. */
export function deskReports(): (ReportView & { label: Record<Locale, string> })[] {
  return manifestReports().filter((r): r is ReportView & { label: Record<Locale, string> } => r.label !== undefined);
}

/** Timestamps are printed as ISO 8601 in UTC, like `Date.prototype.toISOString`. */
const ISO_UTC = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';

/**
 * One report of a community as a table. Cells keep the database's meaning without driver quirks:
 * timestamps are ISO strings in UTC, numeric (areas in m²) are decimal strings such as "150.25",
 * integers and bigints are numbers, booleans are booleans.
 */
export async function loadReport(db: Db, community: { communityId: number; name: string }, kind: string): Promise<Table> {
  const own = manifestReports().find((r) => r.name === kind);
  if (!own) throw new CliError(`"${kind}" is not a report: give one of ${reportKinds().join(', ')}`);
  // A view is read by name, filtered by its `community` column (the community's name).
  return 'table' in own ? own.table(db, community) : viewReport(db, own.view, own.orderBy, community.name);
}

interface ViewColumn {
  column_name: string;
  data_type: string;
}

async function viewReport(db: Db, view: string, orderBy: string, communityName: string): Promise<Table> {
  const cols = await rows<ViewColumn>(
    db,
    sql`select column_name::text as column_name, data_type::text as data_type from information_schema.columns
        where table_schema = current_schema() and table_name = ${view} order by ordinal_position`,
  );
  if (cols.length === 0) {
    throw new CliError(
      `the ${view} view does not exist in this database yet; nothing exported (it comes with a later migration of Yishi: update it, and the next run applies the migration)`,
    );
  }
  const names = cols.map((c) => c.column_name);
  if (!names.includes('community')) throw new CliError(`the ${view} view has no community column; nothing exported`);
  const select = sql.join(
    cols.map((c) => sql`${selectExpr(c)} as ${sql.identifier(c.column_name)}`),
    sql`, `,
  );
  const order: SQL = names.includes(orderBy) ? sql`order by ${sql.identifier(orderBy)}` : sql``;
  const found = await rows<Record<string, unknown>>(
    db,
    sql`select ${select} from ${sql.identifier(view)} where community = ${communityName} ${order}`,
  );
  return { columns: names, rows: found.map((r) => cols.map((c) => cell(r[c.column_name], c.data_type))) };
}

/** Casts in SQL what drivers would turn into something else (Date objects, floats, strings of bigints). */
function selectExpr(c: ViewColumn): SQL {
  const id = sql.identifier(c.column_name);
  switch (c.data_type) {
    case 'timestamp with time zone':
      return sql`to_char(${id} at time zone 'UTC', ${sql.raw(`'${ISO_UTC}'`)})`;
    case 'timestamp without time zone':
      return sql`to_char(${id}, 'YYYY-MM-DD"T"HH24:MI:SS.MS')`;
    case 'date':
    case 'time without time zone':
    case 'time with time zone':
    case 'interval':
    case 'numeric':
    case 'bigint':
      return sql`${id}::text`;
    default:
      return sql`${id}`;
  }
}

function cell(v: unknown, dataType: string): Cell {
  if (v === null || v === undefined) return null;
  if (dataType === 'bigint') {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : String(v);
  }
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return v as Cell;
}

const BALLOT_COLUMNS = [
  'community',
  'poll_no',
  'ballot_id',
  'unit',
  'holder',
  'option_no',
  'option_text',
  'cast_at',
  'platform',
  'superseded',
] as const;

interface BallotRow {
  community: string;
  poll_no: number;
  ballot_id: string;
  unit: string | null;
  holder: string | null;
  option_no: number;
  option_text: string | null;
  cast_at: string;
  platform: string;
  superseded: boolean;
}

/**
 * Every ballot of the community, in the order cast per poll. Ballots are never updated: `superseded`
 * says a later ballot of the same holder (owner or household) replaced this one. The holder is
 * `owner:OWNER_ID` for an owner's ballot covering all their units, else `unit:LABEL`. For secret
 * (不记名) polls the unit and the holder are left empty.
 */
export async function ballotsReport(db: Db, communityId: number): Promise<Table> {
  const found = await rows<BallotRow>(
    db,
    sql`select c.name as community, p.poll_no, b.ballot_id::text as ballot_id,
          case when p.secret then null else u.label end as unit,
          case when p.secret then null
               when b.holder_key like 'o:%' then 'owner:' || substr(b.holder_key, 3)
               else 'unit:' || u.label end as holder,
          b.option_no, o.text as option_text,
          to_char(b.cast_at at time zone 'UTC', ${sql.raw(`'${ISO_UTC}'`)}) as cast_at,
          m.platform,
          b.ballot_id <> max(b.ballot_id) over (partition by b.poll_id, b.holder_key) as superseded
        from ballots b
        join polls p on p.poll_id = b.poll_id
        join communities c on c.community_id = b.community_id
        join units u on u.unit_id = b.unit_id
        join members m on m.member_id = b.member_id
        left join poll_options o on o.poll_id = b.poll_id and o.option_no = b.option_no
        where b.community_id = ${communityId}
        order by p.poll_no, b.ballot_id`,
  );
  return {
    columns: [...BALLOT_COLUMNS],
    rows: found.map((r) => [
      r.community,
      r.poll_no,
      Number(r.ballot_id),
      r.unit,
      r.holder,
      r.option_no,
      r.option_text,
      r.cast_at,
      r.platform,
      r.superseded,
    ]),
  };
}

/** A closed poll's publication list (公示): unit, area, receipt code, and the option unless the poll is secret. */
export async function receiptsReport(db: Db, community: { communityId: number; name: string }, pollNo: number): Promise<Table> {
  const poll = await getPollByNo(db, community.communityId, pollNo);
  if (!poll) throw new CliError(`${community.name} has no poll #${pollNo}`);
  if (poll.status !== 'closed') throw new CliError(`poll #${pollNo} is still open: its publication list comes after the close`);
  const list = await publicationList(db, poll);
  const columns = poll.secret ? ['unit', 'area_m2', 'receipt', 'channel'] : ['unit', 'area_m2', 'receipt', 'option', 'channel'];
  return {
    columns,
    rows: list.map((r) => (poll.secret ? [r.units, r.areaM2, r.receipt, r.channel] : [r.units, r.areaM2, r.receipt, r.option, r.channel])),
  };
}

import { publicationList } from '../app/ballot-entry.js';
import { adoptedByPoll, conventionsInForce } from '../app/conventions.js';
import { formatLocal } from '../app/local-time.js';
import { getPoll, pollTally, type Poll } from '../app/polls.js';
import type { Db } from '../db/client.js';
import { conventionKey } from '../domain/convention-text.js';
import { channelNote } from './poll-result.js';
import type { Catalogue } from './i18n/index.js';
import { renderPollCard, renderResults } from './render-poll.js';
import { linkKeyOf, pagePath } from '../web/links.js';

/** A printable notice (公告 / 备案): a title, paragraphs, an optional table, footer lines. */
export interface NoticeDoc {
  title: string;
  paragraphs: string[];
  table?: { heading: string; columns: string[]; rows: string[][] };
  /** An address printed as a QR code with its caption (a closed poll's result and publication page). */
  qr?: { url: string; caption: string };
  footer: string[];
}

/** The notice of a poll: its announcement while open, its result with the publication list once closed. */
export async function pollNotice(db: Db, t: Catalogue, community: { name: string; timezone: string }, poll: Poll, now: Date, publicUrl?: string): Promise<NoticeDoc> {
  const tz = community.timezone;
  const times = t.notice.times(formatLocal(poll.openedAt, tz), formatLocal(poll.opensAt, tz), formatLocal(poll.closesAt, tz));
  const printed = t.notice.printed(formatLocal(now, tz));
  if (poll.status === 'open') {
    const card = renderPollCard(t, poll, tz, { buttons: false }).split('\n');
    return { title: t.notice.announceTitle(community.name), paragraphs: [...card.slice(0, -1), times], footer: [printed] };
  }
  const tally = await pollTally(db, poll);
  const result = renderResults(t, poll, tally, tz, { hidden: false }).split('\n');
  const channels = await channelNote(db, t, poll);
  const list = await publicationList(db, poll);
  // The result and publication page (公示), for readers of the printed notice to scan.
  const qr = publicUrl ? { url: `${publicUrl}${pagePath('publication', await linkKeyOf(db, poll, 'publication', now))}`, caption: t.notice.qrCaption } : null;
  return {
    title: t.notice.resultTitle(community.name),
    paragraphs: [...result, ...channels, times],
    table: {
      heading: t.notice.receiptsHeading(list.length),
      columns: poll.secret ? t.notice.columnsSecret : t.notice.columns,
      rows: list.map((r) => {
        const channel = t.matters.channelName(r.channel as 'online');
        return poll.secret ? [r.units, r.areaM2, r.receipt, channel] : [r.units, r.areaM2, r.receipt, r.option ?? '', channel];
      }),
    },
    ...(qr ? { qr } : {}),
    footer: [t.notice.footerReceipts(poll.pollNo), printed],
  };
}

/** The filing notice (备案) of a convention in force, with the vote that adopted it; null when none is in force by that name. */
export async function conventionNotice(db: Db, t: Catalogue, community: { communityId: number; name: string; timezone: string }, name: string, now: Date): Promise<NoticeDoc | null> {
  const key = conventionKey(name);
  const c = (await conventionsInForce(db, community.communityId)).find((x) => conventionKey(x.title) === key);
  if (!c || c.version == null) return null;
  const paragraphs = [t.notice.convention(c.title, c.version), ...c.articles];
  if (c.pollId != null) {
    const poll = await getPoll(db, c.pollId);
    const adopted = await adoptedByPoll(db, c.pollId);
    if (poll) {
      paragraphs.push(t.notice.adoptedBy(poll.pollNo, formatLocal(adopted?.adoptedAt ?? poll.closedAt ?? now, community.timezone)));
      paragraphs.push(...renderResults(t, poll, await pollTally(db, poll), community.timezone, { hidden: false }).split('\n'));
    }
  }
  return { title: t.notice.conventionTitle(community.name), paragraphs, footer: [t.notice.printed(formatLocal(now, community.timezone))] };
}

/** The notice as plain text (for stdout). */
export function noticeText(doc: NoticeDoc): string {
  const lines = [doc.title, '', ...doc.paragraphs];
  if (doc.table) {
    lines.push('', doc.table.heading, doc.table.columns.join('\t'), ...doc.table.rows.map((r) => r.join('\t')));
  }
  if (doc.qr) lines.push('', doc.qr.caption, doc.qr.url);
  lines.push('', ...doc.footer);
  return `${lines.join('\n')}\n`;
}

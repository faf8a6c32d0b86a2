import { getCommunity } from '../app/communities.js';
import { conventionsInForce } from '../app/conventions.js';
import { agendaOf } from '../app/deliberation.js';
import { feeSchedule } from '../app/fees.js';
import { upcomingMeetings } from '../app/meetings.js';
import { householdText } from '../features/fees/household.js';
import type { Catalogue } from '../chat/i18n/index.js';
import { scheduleLines } from '../features/fees/render.js';
import { formatDay, meetingLine } from '../chat/render-topic.js';
import { describeSchedule } from '../domain/schedule.js';
import { html, paragraphs, type Html } from './layout.js';
import type { PageDeps, Viewer } from './poll-pages.js';

/**
 * The community page (SPEC §13), for a signed-in member: the deliberation day and its agenda, the
 * upcoming meetings, the conventions in force in full, the fee schedule, and the household's own
 * fees and bills — those of the viewer's household only, never another's. Read with the same use
 * cases and words as the chat's 议事日, 议程, 会议, 公约, 收费标准 and 我家物业费.
 */
export async function communityPage(deps: PageDeps, t: Catalogue, viewer: Viewer, lang: string): Promise<{ title: string; body: Html } | null> {
  const community = await getCommunity(deps.db, viewer.member.communityId);
  if (!community) return null;
  const tz = community.timezone;
  const clock = { now: deps.now };
  const agenda = await agendaOf(deps.db, clock, community);
  const meetings = await upcomingMeetings(deps.db, clock, community, t.agenda.meetingTitle);
  const conventions = await conventionsInForce(deps.db, community.communityId);
  const fees = await feeSchedule(deps.db, community.communityId);
  const unitId = viewer.member.unitId;
  const mine = unitId != null ? (await householdText({ t, deps: { db: deps.db } }, { ...viewer.member, unitId })).split('\n').filter((l) => l !== t.myfee.source) : null;
  const items = agenda.topics.filter((x) => !agenda.day || !x.agendaDate || x.agendaDate.getTime() === agenda.day.getTime());
  const sections: [string, string][] = [
    ...(mine ? ([['my-fees', t.web.sectionMyBill]] as [string, string][]) : []),
    ['deliberation', t.web.sectionDeliberation],
    ['meetings', t.web.sectionMeetings],
    ['conventions', t.web.sectionConventions],
    ['fees', t.web.sectionFees],
  ];
  const title = t.web.communityTitle(community.name);
  const body = html`<h1>${title}</h1>
<p>${t.web.signedInAs(community.name, viewer.member.unitLabel ?? '')}</p>
<nav class="box" aria-label="${t.web.contents}"><h2>${t.web.contents}</h2><ul class="toc">${sections.map(([id, name]) => html`<li><a href="#${id}">${name}</a></li>`)}</ul></nav>
${mine ? html`<section id="my-fees" class="box"><h2>${t.web.sectionMyBill}</h2>${mine.map((l) => html`<p${owedLine(t, l) ? html` class="answer"` : ''}>${l}</p>`)}<p class="note">${t.web.myBillNote}</p></section>` : ''}
<section id="deliberation"><h2>${t.web.sectionDeliberation}</h2>
${agenda.day ? html`<p class="answer">${t.web.nextDeliberation(formatDay(t, agenda.day, tz))}</p>` : ''}
<p>${t.schedule.current(t.schedule.describe(describeSchedule(community.deliberationCron)), tz)}</p>
${agenda.day ? html`<h3>${t.web.agendaHeading}</h3>` : html`<p>${t.agenda.noDay}</p>`}
${items.length ? html`<ul class="lines">${items.map((x, i) => html`<li>${t.agenda.item(i + 1, x.topicNo, x.title, x.seconds)}</li>`)}</ul>` : html`<p>${t.agenda.empty}</p>`}
</section>
<section id="meetings"><h2>${t.web.sectionMeetings}</h2>
${meetings.length ? html`<ul class="plain">${meetings.map((m) => html`<li>${meetingLine(t, m, tz)}</li>`)}</ul><p>${t.meeting.listHint}</p>` : html`<p>${t.meeting.none}</p>`}
</section>
<section id="conventions"><h2>${t.web.sectionConventions}</h2>
${conventions.length
  ? conventions.map((c) => html`<article class="convention"><h3>${t.notice.convention(c.title, c.version ?? 1)}</h3>${paragraphs(c.articles)}</article>`)
  : html`<p>${t.web.noConventions}</p>`}
</section>
<section id="fees"><h2>${t.web.sectionFees}</h2>
${fees.length ? html`<ul class="plain">${scheduleLines(t, fees).map((l) => html`<li>${l}</li>`)}</ul><p>${t.fees.source}</p>` : html`<p>${t.fees.none}</p>`}
</section>
<p><a class="button" href="/?lang=${lang}">${t.web.backHome}</a></p>`;
  return { title, body };
}

/** The line that says what is owed in all (or that everything is paid), shown in bold. */
function owedLine(t: Catalogue, line: string): boolean {
  return line === t.myfee.allPaid || line.startsWith(t.myfee.owedTotal('\u0000').split('\u0000')[0]!);
}

/**
 * Repair requests on the committee's desk (SPEC §13, §14): the open requests with their state,
 * assignee and promised time (overdue ones marked), last month's counts by building, and the two
 * steps the committee takes there: dispatching (to the property company or a committee member, with
 * a promised time) and marking fixed. Each step is the use case the chat command runs (the same
 * audit entry) and says the same things to the groups, the assignee and the reporter.
 */
import { and, desc, eq, ne } from 'drizzle-orm';
import { formatLocal } from '../../app/local-time.js';
import { catalogue, localeFor } from '../../chat/i18n/index.js';
import type { Effect } from '../../chat/model.js';
import { committeeMembers } from '../../app/members.js';
import { html, type Html } from '../../web/layout.js';
import type { DeskView } from '../manifest.js';
import { WORKING } from './domain.js';
import { promisedTime, refusalText } from './handlers.js';
import { repairsText, type RepairsText } from './i18n.js';
import { lastMonthLines } from './month.js';
import { contactOf, stepRepair, type Repair } from './repairs.js';
import { repairs } from './schema.js';

const RECENT = 20;

/** Committee members and the chair: whom the desk can dispatch to besides the property company. */
async function committeeOf(view: DeskView): Promise<{ memberId: number; name: string }[]> {
  const r = await committeeMembers(view.db, view.community.communityId, { byName: true });
  return r.map((m) => ({ memberId: m.memberId, name: m.displayName || `#${m.memberId}` }));
}

/** A private note to a member, in their own language. */
async function note(view: DeskView, memberId: number | null, say: (t: RepairsText) => string): Promise<Effect[]> {
  if (memberId == null) return [];
  const c = await contactOf(view.db, memberId);
  return c ? [{ kind: 'private', platform: c.platform, userId: c.userId, text: say(repairsText(localeFor(c.locale))) }] : [];
}

/** Dispatches or marks fixed, as the chat's `派单` and `修好` do; returns the sentence for the page. */
async function act(view: DeskView, form: Record<string, string>): Promise<{ ok?: string; problem?: string }> {
  const t = repairsText(view.locale);
  const g = repairsText(view.community.locale === 'en' ? 'en' : 'zh-CN');
  const no = Number(form.no);
  if (!Number.isInteger(no) || no <= 0) return { problem: t.refused.noRepair(0) };
  const tz = view.community.timezone;
  const announce = (text: string): Effect => ({ kind: 'announce', communityId: view.community.communityId, text });
  if (form.action === 'dispatch') {
    const who = form.assignee ?? '';
    let assignee: { kind: 'property' | 'member'; memberId: number | null; name: string } | null = null;
    if (who === 'property') assignee = { kind: 'property', memberId: null, name: g.property };
    else {
      const m = (await committeeOf(view)).find((x) => String(x.memberId) === who);
      if (m) assignee = { kind: 'member', memberId: m.memberId, name: m.name };
    }
    if (!assignee) return { problem: t.desk.unknownAssignee };
    const promise = promisedTime(form.when ?? '', view.clock.now(), tz);
    if (!promise.ok) return { problem: promise.code === 'bad-time' ? t.refused.badTime : t.refused.pastTime };
    const r = await stepRepair(view.db, view.clock, { community: view.community, member: view.member, repairNo: no, action: 'dispatch', assignee, promisedAt: promise.at });
    if (!r.ok) return { problem: refusalText(t, no, r.code, catalogue(view.locale).common.notCommittee) };
    const promised = formatLocal(promise.at, tz);
    const b = r.repair.building;
    await view.say([
      announce(g.dispatched(no, g.building(b), assignee.name, promised)),
      ...(await note(view, assignee.memberId, (x) => x.toAssignee(no, x.building(b), r.repair.text, promised))),
      ...(await note(view, r.repair.reporterMemberId, (x) => x.toReporterDispatched(no, assignee.name, promised))),
    ]);
    return { ok: t.desk.dispatchedOk(no) };
  }
  if (form.action === 'fixed') {
    const r = await stepRepair(view.db, view.clock, { community: view.community, member: view.member, repairNo: no, action: 'fixed' });
    if (!r.ok) return { problem: refusalText(t, no, r.code, catalogue(view.locale).common.notCommittee) };
    await view.say([announce(g.fixedInGroup(no, g.building(r.repair.building))), ...(await note(view, r.repair.reporterMemberId, (x) => x.askConfirm(no)))]);
    return { ok: t.desk.fixedOk(no) };
  }
  return {};
}

/** The desk page: what to do, then what was done lately. */
export async function repairsDeskPage(view: DeskView, form?: Record<string, string>): Promise<{ title: string; body: Html }> {
  const t = repairsText(view.locale);
  const said = form ? await act(view, form) : {};
  const tz = view.community.timezone;
  const now = view.clock.now();
  const cid = view.community.communityId;
  const open = await view.db.select().from(repairs).where(and(eq(repairs.communityId, cid), ne(repairs.status, 'confirmed'))).orderBy(repairs.repairNo);
  const done = await view.db.select().from(repairs).where(and(eq(repairs.communityId, cid), eq(repairs.status, 'confirmed'))).orderBy(desc(repairs.repairNo)).limit(RECENT);
  const team = await committeeOf(view);
  const month = await lastMonthLines(view.db, view.clock, view.community, view.locale);

  const dispatchForm = (r: Repair) => html`<form class="desk" method="post" action="${view.path}">
${view.csrfInput}<input type="hidden" name="action" value="dispatch"><input type="hidden" name="no" value="${r.repairNo}">
<label for="who-${r.repairNo}">${t.desk.assigneeLabel}</label>
<select id="who-${r.repairNo}" name="assignee"><option value="property">${t.property}</option>${team.map((m) => html`<option value="${m.memberId}">${m.name}</option>`)}</select>
<label for="when-${r.repairNo}">${t.desk.whenLabel}</label>
<input type="text" id="when-${r.repairNo}" name="when" placeholder="${t.desk.whenPlaceholder}" maxlength="40">
<button type="submit">${t.desk.dispatch}</button>
</form>`;
  const fixedForm = (r: Repair) => html`<form method="post" action="${view.path}">
${view.csrfInput}<input type="hidden" name="action" value="fixed"><input type="hidden" name="no" value="${r.repairNo}">
<button type="submit">${t.desk.fixed}</button>
</form>`;
  const item = (r: Repair, actions: boolean) => {
    const late = r.promisedAt != null && WORKING.includes(r.status) && r.promisedAt.getTime() < now.getTime();
    return html`<li class="repair${late ? ' late' : ''}">
<p><strong>#${r.repairNo}</strong> · ${t.building(r.building)} · ${t.status(r.status)}</p>
<p>${r.text}</p>
<p class="help">${t.desk.reportedAt(formatLocal(r.reportedAt, tz))}</p>
${r.assigneeName && r.promisedAt ? html`<p${late ? html` class="problem"` : ''}>${t.desk.assigned(r.assigneeName, formatLocal(r.promisedAt, tz), late)}</p>` : ''}
${r.rating ? html`<p>${t.desk.rating(r.rating === 'satisfied')}</p>` : ''}
${actions && (r.status === 'reported' || r.status === 'reopened') ? dispatchForm(r) : ''}
${actions && WORKING.includes(r.status) ? fixedForm(r) : ''}
</li>`;
  };
  const body = html`<h1>${t.desk.heading}</h1>
${said.ok ? html`<p class="notice" role="status">${said.ok}</p>` : ''}${said.problem ? html`<div class="problem" role="alert"><p>${said.problem}</p></div>` : ''}
${month.length ? html`<div class="month">${month.map((l) => html`<p>${l}</p>`)}</div>` : ''}
<h2>${t.desk.open}</h2>
${open.length ? html`<ul class="repairs">${open.map((r) => item(r, true))}</ul>` : html`<p>${t.desk.none}</p>`}
${done.length ? html`<h2>${t.desk.recent}</h2><ul class="repairs">${done.map((r) => item(r, false))}</ul>` : ''}`;
  return { title: t.desk.heading, body };
}

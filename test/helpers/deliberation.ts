import { expect } from 'vitest';
import { createCommunity } from '../../src/app/communities.js';
import { setRole } from '../../src/app/members.js';
import { importUnits, listCodes } from '../../src/app/roster.js';
import type { Db } from '../../src/db/client.js';
import { createChatWorld } from './chat.js';

export const CHAIR = { id: 'chair', name: '王主任' };
export const COMMITTEE = { id: 'wei', name: '李委员' };

/**
 * A community with `units` households (1-1-101 …), linked to the given groups by the chair, a
 * committee member, and one resident bound per household (`r0` … on unit i, named 居民i).
 */
export async function createDeliberationWorld(
  db: Db,
  opts: { units?: number; groups?: string[]; start?: string; timezone?: string; publicUrl?: string; platform?: 'telegram' | 'wechat' } = {},
) {
  const w = createChatWorld(db, { ...(opts.start ? { start: opts.start } : {}), ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}), ...(opts.platform ? { platform: opts.platform, editable: opts.platform !== 'wechat' } : {}) });
  const c = await createCommunity(db, w.clock, { name: '幸福里', timezone: opts.timezone ?? 'Asia/Shanghai' });
  if (!c.ok) throw new Error('community not created');
  const n = opts.units ?? 4;
  const rows = Array.from({ length: n }, (_, i) => `1-1-${101 + i},${(80 + i).toFixed(2)},业主${i},`);
  const imported = await importUnits(db, w.clock, c.id, `unit,area_m2,owner_name,owner_id\n${rows.join('\n')}\n`);
  expect(imported).toMatchObject({ ok: true });
  const codes = await listCodes(db, w.clock, c.id);
  const groups = opts.groups ?? ['-100'];
  for (const group of groups) await w.say({ group }, CHAIR, `开通 ${c.setupCode}`);
  await setRole(db, w.clock, { communityId: c.id, platform: 'telegram', userId: COMMITTEE.id, displayName: COMMITTEE.name, role: 'committee', actor: 'test' });
  const residents = codes.map((code, i) => ({ id: `r${i}`, name: `居民${i}` }));
  for (const [i, code] of codes.entries()) await bindAs(residents[i]!, code.unit, code.code);
  /** Binds another identity to a household with that household's owner code. */
  async function bindAs(who: { id: string; name: string }, unit: string, code: string) {
    await w.say('private', who, `绑定 ${unit} ${code}`);
    expect(w.transport.sent.at(-1)!.text).toContain('绑定成功');
  }
  const g = { group: groups[0]! };
  /** Texts sent to group chats since `from` (an index into the transport's log); a result's picture, a message of its own, is left out. */
  const groupTexts = (from: number, group?: string) =>
    w.transport.sent.slice(from).filter((m) => !m.private && m.text && (group === undefined || m.chatId === group)).map((m) => m.text);
  /** The last text sent (a result's picture after it left out). */
  const last = () => w.transport.sent.filter((m) => m.text).at(-1)!.text;
  return { ...w, communityId: c.id, codes, residents, groups, g, bindAs, groupTexts, last };
}

import { createCommunity } from '../app/communities.js';
import { importUnits, listCodes } from '../app/roster.js';
import { COMMUNITY, ROSTER, type Cast } from './cast.js';
import type { DemoChat } from './demo-chat.js';

/**
 * The first days: the operator sets the community up, the chair opens the group, residents bind
 * (a code posted in the group is rotated at once), and the chair announces the owners' vote on a
 * lift for entrance 2-1: a rebuilding (item 7, ¾), decided by that entrance's owners after 15 days' notice.
 */
export async function playOpening(chat: DemoChat, cast: Cast): Promise<{ communityId: number }> {
  const { say, day, operator, note } = chat;
  const { chair, residents, spouse, chatter, zhang, sun, he } = cast;

  day('社区开通议事');
  const c = await createCommunity(chat.db, chat.clock, { name: COMMUNITY, timezone: 'Asia/Shanghai' });
  if (!c.ok) throw new Error(c.code);
  operator(`npm run admin -- community add ${COMMUNITY}  →  编号 ${c.id}，开通码 ${c.setupCode}（业主表决公告期默认 15 天）`);
  const imported = await importUnits(chat.db, chat.clock, c.id, ROSTER);
  operator(`npm run admin -- units import ${COMMUNITY} roster.csv  →  导入 ${imported.ok ? imported.imported : 0} 户`);
  const codes = async () => new Map((await listCodes(chat.db, chat.clock, c.id)).map((x) => [x.unit, x.code]));
  const issued = await codes();
  operator(`npm run admin -- codes ${COMMUNITY}  →  每户一张绑定码，入户发放`);

  await say(chair, `开通 ${c.setupCode}`);
  await say(chatter, '今天谁家在装修？电钻声好大');
  note('普通聊天，议事助手不插话');
  await say(chair, `绑定 ${chair.unit} ${issued.get(chair.unit!)}`, 'private');

  await chat.at('2026-12-01 12:00', '居民绑定房屋');
  await say(zhang, `绑定 ${zhang.unit} ${issued.get(zhang.unit!)}`);
  note('绑定码发到了群里：立即作废并换新码');
  const fresh = await codes();
  await say(zhang, `绑定 ${zhang.unit} ${fresh.get(zhang.unit!)}`, 'private');
  for (const r of residents.slice(1)) await say(r, `绑定 ${r.unit} ${fresh.get(r.unit!)}`, 'private');
  note('刘大爷是张阿姨的老伴，用同一户的绑定码绑定');
  await say(spouse, `绑定 ${spouse.unit} ${fresh.get(spouse.unit!)}`, 'private');
  await say(he, `绑定 ${he.unit} ${fresh.get(he.unit!)}`, 'private');
  await say(chair, `任命 @${sun.name} 委员`);

  await chat.at('2026-12-02 08:00', '公告表决：2号楼1单元加装电梯');
  await say(chair, '表决 2号楼1单元加装电梯方案\n同意\n反对\n弃权\n规则: 一般事项\n截止: 2026-12-19 12:00');
  note('加装电梯属于改建（《民法典》第二百七十八条第七项），要按重大事项表决：主任改了再发');
  await say(chair, '表决 2号楼1单元加装电梯方案\n同意\n反对\n弃权\n事项: 加装电梯\n范围: 2号楼1单元\n截止: 2026-12-19 12:00');
  await say(zhang, '投票 同意');
  note('张阿姨住1号楼，不在本单元，不参加这次表决');
  await say(sun, '投票 同意');
  note('公告期内还不能投票');
  return { communityId: c.id };
}

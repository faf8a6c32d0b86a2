import { findCommunity } from '../app/communities.js';
import { receiptsReport } from '../cli/reports.js';
import { COMMUNITY, type Cast } from './cast.js';
import type { DemoChat } from './demo-chat.js';

/**
 * The lift vote of entrance 2-1 once its notice period is over: owners vote online, a committee
 * member enters 钱奶奶's signed paper ballot, an owner checks his receipt privately, and the
 * result is announced at the deadline with the publication list printed for the board.
 */
export async function playLiftVote(chat: DemoChat, cast: Cast): Promise<void> {
  const { say, day, note } = chat;
  const { zhao, sun, he, qian, chair } = cast;

  await chat.at('2026-12-18 21:00', '加装电梯表决：公告期满，开始投票');
  await say(zhao, '投票 1 反对');
  await say(sun, '投票 同意');
  await say(he, '投票 反对');
  note('群里不刷屏：每户的投票回执私信发出，群里几分钟内最多一行进度');
  await chat.at('2026-12-18 21:05');
  note(`${qian.name}（${qian.unit}）没有智能手机，在纸质表决票上签了“同意”，交给孙老师`);
  await say(sun, `代录 1 ${qian.unit} 同意 纸质`, 'private');
  note('赵师傅听了说明会，改投同意，再私聊核对回执');
  await say(zhao, '投票 1 同意', 'private');
  await say(zhao, '回执 1', 'private');
  await say(sun, '结果 1', 'private');
  await say(chair, '结果 1');

  note('同意的人数 3/4 恰好是参与的四分之三，面积 287.50/382.50 m² 也超过四分之三：“以上”含本数');

  await chat.at('2026-12-19 12:00', '加装电梯表决截止，自动公布结果');
  chat.operator(`npm run admin -- export ${COMMUNITY} receipts --poll 1  →  公示名单（不含姓名）：`);
  const community = (await findCommunity(chat.db, COMMUNITY))!;
  const list = await receiptsReport(chat.db, community, 1);
  for (const row of [list.columns, ...list.rows]) chat.print(`      ${row.join('  ')}`);
}

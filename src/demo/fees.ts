import { findCommunity } from '../app/communities.js';
import { importFaq } from '../app/faq.js';
import { importBills, importFees } from '../app/fees.js';
import { importIncome } from '../app/income.js';
import { COMMUNITY, type Cast } from './cast.js';
import type { DemoChat } from './demo-chat.js';
import { DEMO_BILLS, DEMO_FAQ, DEMO_FEES, DEMO_INCOME } from './fee-data.js';

/**
 * Year end: the operator imports the fee schedule, the FAQ, the bills and the half-year shared
 * income; residents ask about fees in the group and in private (a household's amounts only ever
 * privately), the committee sets the “235” split and answers a question the bot could not.
 */
export async function playFees(chat: DemoChat, cast: Cast): Promise<void> {
  const { say, day, operator, note } = chat;
  const { chair, zhang, li, zhao, sun, zhou, wu, feng, chatter } = cast;
  const c = (await findCommunity(chat.db, COMMUNITY))!;

  await chat.at('2026-12-31 20:30', '收费标准、账单和下半年公共收益');
  const imported = async (what: string, file: string, r: Promise<{ ok: boolean; imported?: number }>) => {
    const done = await r;
    operator(`npm run admin -- ${what} import ${COMMUNITY} ${file}  →  导入 ${done.ok ? done.imported : 0} 行`);
  };
  await imported('fees', 'fees.csv', importFees(chat.db, chat.clock, c.communityId, DEMO_FEES));
  await imported('faq', 'faq.csv', importFaq(chat.db, chat.clock, c.communityId, DEMO_FAQ));
  await imported('bills', 'bills.csv', importBills(chat.db, chat.clock, c.communityId, DEMO_BILLS));
  await imported('income', 'income-2026h2.csv', importIncome(chat.db, chat.clock, c.communityId, DEMO_INCOME));

  await say(chatter, '请问物业费多少钱一平米？');
  note('群里只讲收费办法，不出现任何一户的金额');
  await say(zhang, '我家物业费一年要交多少钱？');
  note('张阿姨家的金额按她家的面积算好，只私信给她');
  await say(zhou, '停车费一个月多少？');
  await say(wu, '電梯費怎麼收？');
  await say(li, '我的费用', 'private');
  await say(li, '物业费可以微信交吗？', 'private');

  await chat.at('2026-12-31 21:00', '公共收益公示（“235”分配）');
  await say(chair, '公共收益 分配 235');
  await say(sun, '公共收益 2026下半年');
  await say(feng, '公共收益', 'private');
  note('冯大姐家的分红按专有面积算，只在私聊里告诉她');

  await chat.at('2026-12-31 21:30', '答不上来的问题交给业委会');
  await say(zhao, '小区快递柜收费吗？');
  await say(sun, '待答问题');
  await say(sun, '添加问答 #1 | 快递柜取件免费；超过 24 小时未取，由快递柜公司每天收 0.5 元。');
  await say(chatter, '快递柜怎么收费？');
}

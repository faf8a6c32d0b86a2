import type { MatterItem } from '../../domain/matters.js';
import type { PollRule } from '../../domain/tally.js';

const RULE_WORDS: Record<PollRule, string> = { 'owners-general': '一般事项', 'owners-major': '重大事项', residents: '居民会议', simple: '简单多数' };

const ITEM_NAMES: Record<MatterItem, string> = {
  1: '制定和修改业主大会议事规则',
  2: '制定和修改管理规约',
  3: '选举业主委员会或者更换业主委员会成员',
  4: '选聘和解聘物业服务企业或者其他管理人',
  5: '使用建筑物及其附属设施的维修资金',
  6: '筹集建筑物及其附属设施的维修资金',
  7: '改建、重建建筑物及其附属设施',
  8: '改变共有部分的用途或者利用共有部分从事经营活动',
  9: '有关共有和共同管理权利的其他重大事项',
};
const ZH_NUM = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CHANNELS = { online: '线上', paper: '纸质', assisted: '代填', proxy: '委托' } as const;

/** zh-CN sentences of the owners' matters, scope, notice, paper and proxy ballots, receipts. */
export const zhMatters = {
  matters: {
    name: (item: MatterItem) => `第${ZH_NUM[item]}项 ${ITEM_NAMES[item]}`,
    card: (item: MatterItem) => `事项：《民法典》第二百七十八条第${ZH_NUM[item]}项（${ITEM_NAMES[item]}）`,
    scope: (scope: string) => {
      const [b, e] = scope.split('-');
      return e ? `${b}号楼${e}单元` : `${b}号楼`;
    },
    scopeLine: (scope: string, heads: number) => `范围：${zhMatters.matters.scope(scope)}（仅该范围内的 ${heads} 位业主表决）`,
    opensLine: (local: string, days: number) => `投票开始：${local}（公告期 ${days} 天，《物业管理条例》第十四条）`,
    opensLineSimple: (local: string) => `投票开始：${local}`,
    waived: '本次表决经确认立即开始投票，未经公告期。',
    weaker: (matter: string, rule: string, needs: string, needsWord: string) =>
      `这项表决属于《民法典》第二百七十八条${matter}，应按“${needs}”表决，而您选的是“${rule}”。表决没有发起。请改为“规则: ${needsWord}”重新发送；如确需按现规则，请加一行“确认规则”。`,
    stronger: (matter: string, rule: string, needs: string, needsWord: string) =>
      `这项表决属于《民法典》第二百七十八条${matter}，法律要求的是“${needs}”，您选的“${rule}”更严，可能让法律上能通过的决定通不过。表决没有发起。请改为“规则: ${needsWord}”重新发送；如确需更严的规则，请加一行“确认规则”。`,
    ruleWord: (rule: PollRule): string => RULE_WORDS[rule],
    majorWithoutMatter:
      '“重大事项”（双四分之三）只适用于《民法典》第二百七十八条第六至八项：筹集维修资金、改建重建、改变共有部分用途或经营。请加一行“事项: …”写明事项（例如“事项: 加装电梯”），或改为“规则: 一般事项”；如确需按重大事项表决，请加一行“确认规则”。',
    openNowUnconfirmed: (days: number) =>
      `业主表决要提前 ${days} 天公告（《物业管理条例》第十四条），投票在公告期满后开始。如确需立即开始，请同时加一行“确认规则”。`,
    openTooEarly: (local: string) => `投票最早在公告期满后开始：${local}。请改开始时间，或加一行“确认规则”。`,
    scopeEmpty: (scope: string) => `名册里没有属于${zhMatters.matters.scope(scope)}的房屋。请核对“范围”（例如“范围: 2号楼”或“范围: 2-1”）。`,
    parseError: {
      'bad-matter': '事项看不懂。请写《民法典》第二百七十八条的一项，例如：事项: 加装电梯、事项: 使用维修资金、事项: 选聘物业、事项: 其他。',
      'bad-scope': '范围看不懂。请写楼栋或单元，例如：范围: 2号楼，或 范围: 2-1（2号楼1单元）。',
      'bad-open': '开始时间看不懂。请写“开始: 立即”或“开始: 2026-12-20 09:00”。',
    } as Record<string, string>,
    notOpenYet: (no: number, local: string) => `表决 #${no} 还在公告期，${local} 开始投票。到时再投，您的这次投票没有记录。`,
    outOfScope: (no: number, scope: string) => `表决 #${no} 只由${zhMatters.matters.scope(scope)}的业主表决，您家不在范围内。`,
    channelName: (c: keyof typeof CHANNELS): string => CHANNELS[c],
    channels: (parts: string[]) => `投票渠道：${parts.join('，')}`,
  },
};

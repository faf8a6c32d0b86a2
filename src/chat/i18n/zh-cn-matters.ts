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
    residentsLaw:
      '依据《城市居民委员会组织法》第九条（2018年修正文本）：户的代表过半数出席方能举行，决定由出席人的过半数通过。2025年修订本（自2026年1月1日起）第四章的条文尚未逐字核对，本规则沿用2018年文本。',
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
  chart: {
    title: (no: number, title: string) => `表决 #${no} ${title}`,
    subtitle: (rule: string, outcome: string) => `${rule} · 结果：${outcome}`,
    turnout: '参与',
    area: '面积占比',
    heads: '人数占比',
    households: '户数占比',
    threshold: '门槛',
    caption: (no: number, outcome: string) => `表决 #${no} 结果图：${outcome}`,
    elsewhere: (no: number) => `本群不允许机器人发图片：表决 #${no} 的结果图见打印的结果公告。`,
  },
  notice: {
    resultTitle: (community: string) => `${community} 表决结果公告`,
    announceTitle: (community: string) => `${community} 业主表决公告`,
    conventionTitle: (community: string) => `${community} 居民公约备案`,
    convention: (title: string, version: number) => `《${title.replace(/^《|》$/g, '')}》（第 ${version} 版，现行有效）`,
    adoptedBy: (no: number, local: string) => `经表决 #${no} 通过，${local} 起施行。表决情况如下：`,
    times: (opened: string, opens: string, closes: string) => `公告：${opened}　投票开始：${opens}　截止：${closes}`,
    receiptsHeading: (n: number) => `公示名单（${n} 户，不含姓名）`,
    columns: ['房号', '面积（m²）', '回执码', '选项', '渠道'],
    columnsSecret: ['房号', '面积（m²）', '回执码', '渠道'],
    footerReceipts: (no: number) => `业主可私聊议事机器人发送“回执 ${no}”核验本户选票是否计入。`,
    printed: (local: string) => `打印时间：${local}`,
    qrCaption: '扫描二维码，或在浏览器中打开下面的网址，查看结果和公示名单，并核验回执码：',
    noConvention: (name: string) => `没有名为“${name}”的现行公约。`,
  },
  ballotEntry: {
    usage: '用法（私聊我）：代录 表决编号 房号 选项 [纸质|代填]，例如：代录 1 2-1-301 同意。委员可代录纸质票或代填；受业主委托的人也可以这样代投。',
    noUnit: (label: string) => `名册里没有房屋“${label}”，请核对房号（例如 2-1-301）。`,
    notAllowed: (label: string) => `只有委员，或受${label}业主委托（委托 @您）的人，可以代录这户的选票。`,
    ok: (no: number, unit: string, option: string, channel: string, code: string) =>
      `已代录：表决 #${no}，${unit} 投“${option}”（${channel}）。回执码 ${code}。业主本人在截止前再投的，以本人最后一次为准。`,
    toOwner: (no: number, unit: string, option: string, channel: string, who: string, code: string) =>
      `您家（${unit}）在表决 #${no} 的选票已由 ${who} 代录（${channel}）：“${option}”。回执码 ${code}。如与您的意思不同，请在截止前自己投票，以您最后一次投票为准。`,
  },
  proxy: {
    usage: '用法（业主私聊我）：委托 @某人 [表决编号] — 委托他人代您投票（不写编号则一直有效）；委托 off — 撤销委托。委员记录书面委托：委托 @某人 房号 [表决编号]。',
    who: '请写明委托给谁：委托 @对方的名字（对方须已绑定本小区的房屋）。',
    ambiguous: (name: string) => `本小区有多位叫“${name}”的成员，请让对方改个名字或由委员记录书面委托。`,
    ownersOnly: '只有以业主身份绑定的成员可以委托他人投票。',
    self: '不能委托给自己。',
    ok: (name: string, unit: string, poll: number | null) =>
      `已委托 ${name} 代 ${unit} 投票${poll ? `（仅表决 #${poll}）` : '（撤销前一直有效，发送“委托 off”撤销）'}。对方代投后我会私信告诉您，您自己投票后以您的为准。`,
    toProxy: (unit: string, poll: number | null) =>
      `${unit} 的业主委托您代投${poll ? `表决 #${poll}` : '表决（撤销前有效）'}。代投方法：私聊我发送“代录 表决编号 ${unit} 选项”。`,
    off: (n: number) => (n ? `已撤销 ${n} 项委托。` : '您没有生效中的委托。'),
  },
  receipt: {
    code: (code: string, no: number) => `回执码 ${code}（私聊发送“回执 ${no}”可核验）`,
    usage: '用法（私聊我）：回执 表决编号 [回执码]，例如：回执 1，或 核验 1 3F9A-C21B-77D0',
    none: (no: number) => `表决 #${no} 里还没有您家的选票。`,
    counted: (no: number, code: string, option: string, channel: string) => `表决 #${no}：您家的选票已计入，投的是“${option}”（${channel}）。回执码 ${code}。`,
    replaced: (no: number, code: string) => `表决 #${no}：回执码 ${code} 的选票已被您家后来的选票替换，不再计入。`,
    noMatch: (no: number) => `表决 #${no} 里您家没有这个回执码的选票。请核对回执码；如有疑问请联系委员会。`,
    published: '表决结束后，公示名单（房号、面积、回执码）可向委员会索取，或看公告。',
  },
};

/**
 * The nine matters of 《民法典》第二百七十八条 and the rule each one needs (SPEC §6). Pure: no I/O,
 * no sentences. This table is the only place that says which matter needs which rule.
 */
import { isOwnerRule } from './holder.js';
import type { PollRule } from './tally.js';
import { toSimplified } from './traditional.js';

export type MatterItem = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface Matter {
  item: MatterItem;
  /** The English key of the `matter:` line. */
  key: string;
  /** The words of the `事项:` line (any of them names the matter). */
  words: readonly string[];
  rule: Extract<PollRule, 'owners-general' | 'owners-major'>;
}

/** 《民法典》第二百七十八条, items (一)–(九): items 6–8 need ¾ of participants, the others a double majority. */
export const MATTERS: readonly Matter[] = Object.freeze([
  { item: 1, key: 'meeting-rules', words: ['议事规则'], rule: 'owners-general' },
  { item: 2, key: 'management-statute', words: ['管理规约'], rule: 'owners-general' },
  { item: 3, key: 'committee-election', words: ['选举业委会', '更换业委会'], rule: 'owners-general' },
  { item: 4, key: 'property-manager', words: ['选聘物业', '解聘物业', '物业公司'], rule: 'owners-general' },
  { item: 5, key: 'use-repair-fund', words: ['使用维修资金', '动用维修资金'], rule: 'owners-general' },
  { item: 6, key: 'raise-repair-fund', words: ['筹集维修资金', '续筹维修资金'], rule: 'owners-major' },
  { item: 7, key: 'rebuild', words: ['改建', '重建', '加装电梯'], rule: 'owners-major' },
  { item: 8, key: 'common-parts-use', words: ['改变用途', '共有部分经营', '出租', '广告'], rule: 'owners-major' },
  { item: 9, key: 'other', words: ['其他'], rule: 'owners-general' },
] as const);

/** The matter of an item number. */
export function matterOf(item: MatterItem): Matter {
  return MATTERS[item - 1]!;
}

function squash(s: string): string {
  return toSimplified(s.normalize('NFKC')).toLowerCase().replace(/[\s\u3000_:：,，。.、（）()《》“”"'-]+/g, '');
}

/**
 * The matter named on a `事项:` / `matter:` line: one of the table's words or keys, the item
 * number (`7`, `第七项`), or a title-like phrase the title reader understands. Null when unknown.
 */
export function parseMatterLine(value: string): MatterItem | null {
  const v = squash(value);
  if (v === '') return null;
  const num = /^(?:第)?([1-9一二三四五六七八九])(?:项)?$/.exec(v);
  if (num) return (Number(num[1]) || '一二三四五六七八九'.indexOf(num[1]!) + 1) as MatterItem;
  for (const m of MATTERS) {
    if (squash(m.key) === v || m.words.some((w) => squash(w) === v)) return m.item;
  }
  return readMatter(value);
}

const FUND = '(?:专项维修资金|公共维修资金|公共维修基金|住宅专项维修资金|维修资金|维修基金|维修金|大修基金|大修资金|公维金)';
const RAISE = '(?:筹集|续筹|再筹|补筹|追加|补充|补缴|续缴|缴存|筹措|归集)';

const COMMON_PART =
  '(?:绿地|草坪|绿化带|空地|架空层|车棚|自行车棚|会所|活动室|地下室|花园|广场|平台|屋顶|楼顶|门卫室|仓库|场地|公共区域|公共部分|共有部分|人防|健身区|游乐场|凉亭|物业用房|配套用房|消防通道|车库|道路|楼道|大堂)';

/** What each matter reads as in a title; items 6–8 win over the others when several match. */
const READERS: ReadonlyArray<{ item: MatterItem; re: RegExp }> = [
  { item: 1, re: /议事规则/ },
  { item: 2, re: /管理规约|业主公约|临时管理规约/ },
  { item: 3, re: /(?:选举|换届|改选|补选|增补|更换|罢免|成立|组建|推选)(?:第.届)?(?:业主委员会|业委会|业主委员|委员)|(?:业主委员会|业委会)(?:的)?(?:选举|换届|改选|补选|成员|委员)|committee(?:election|members)|electthe(?:owners)?committee/ },
  { item: 4, re: /(?:选聘|解聘|续聘|聘请|聘用|更换|引进|招标|选定|辞退|终止|续签|签订)(?:新的?)?(?:物业|物业服务|物业管理)|物业公司|物业服务企业|物业管理公司|物业服务合同|(?:物业|物业服务)(?:的)?(?:选聘|解聘|续聘|招标|更换)|propertymanage|managementcompany/ },
  { item: 6, re: new RegExp(`${RAISE}.{0,8}${FUND}|${FUND}.{0,4}${RAISE}|${FUND}(?:不足|续交|补交)|raise.{0,12}(?:repair|maintenance)fund|(?:repair|maintenance)fund.{0,6}(?:topup|raise)`) },
  { item: 5, re: new RegExp(`${FUND}|(?:使用|动用|申请|支取|提取|列支)(?:公共)?维修|repairfund|maintenancefund`) },
  { item: 8, re: new RegExp(`${COMMON_PART}.{0,8}(?:改成|改为|改作|改做|改建成|改造成|变成|用作|挪作|改(?!造|善|进|良|建|扩))`) },
  { item: 7, re: /改建|重建|扩建|翻建|加建|拆除重建|(?:加装|增设|安装|新装)(?:\d+部)?(?:电梯|直梯|观光梯)|rebuild|reconstruct|(?:new|add|install)(?:a)?lifts?|liftinstallation/ },
  { item: 8, re: /改变.{0,8}用途|变更用途|经营|出租|租赁|租给|招租|广告|商用|摆摊|快递柜|基站|changeofuse|changetheuse|commercialuse|businessuse|advert|rentout|lease/ },
];

/**
 * Reads a poll title for one of the nine matters, everyday words and traditional characters
 * included (维修金, 公共维修基金, 电梯广告, 绿地改停车场, 出租场地, 維修資金). Null when it names none.
 */
export function readMatter(title: string): MatterItem | null {
  const t = squash(title);
  if (t === '') return null;
  const found = READERS.filter((r) => r.re.test(t)).map((r) => r.item);
  return found.find((i) => i >= 6 && i <= 8) ?? found[0] ?? null;
}

const CONSULTATION = /意见征集|征集意见|征求意见|意见征询|征询意见|意向调查|意愿调查|摸底|问卷|调查|survey|opinion|consultation/;

/** Whether a title only asks for opinions (意见征集, 问卷, survey) rather than deciding. */
export function isConsultation(title: string): boolean {
  return CONSULTATION.test(squash(title));
}

export type MatterRuleCheck =
  | { ok: true; rule: PollRule; matter: MatterItem | null }
  | { ok: false; code: 'matter-rule-weaker' | 'matter-rule-stronger' | 'major-without-matter'; rule: PollRule; matter: MatterItem | null; needs: PollRule };

const STRENGTH: Readonly<Record<PollRule, number>> = { simple: 0, residents: 1, 'owners-general': 2, 'owners-major': 3 };

/**
 * Decides a poll's rule from its matter (SPEC §6). `matter` is the `事项` line's item, or null to
 * read the title. When no rule was written, the matter's rule is used, whether the `事项` line or
 * the title named the matter (`表决 使用维修资金维修屋面` opens under 一般事项, `表决 加装电梯` under
 * 重大事项); a rule written weaker or stronger than the matter needs is refused unless `confirmRule`.
 * `重大事项` without any matter is refused (it applies to items 6–8 only) unless confirmed.
 * Surveys with no matter in their title, and surveys that only ask for opinions, pass unchanged.
 */
export function checkMatterRule(input: { title: string; matter: MatterItem | null; rule: PollRule; ruleGiven: boolean; confirmRule: boolean }): MatterRuleCheck {
  // A survey or residents' poll that only asks for opinions (意见征集) decides nothing of the owners'.
  if ((input.rule === 'simple' || input.rule === 'residents') && input.matter === null && isConsultation(input.title)) {
    return { ok: true, rule: input.rule, matter: null };
  }
  const matter = input.matter ?? readMatter(input.title);
  if (matter === null) {
    if (input.rule === 'owners-major' && !input.confirmRule) {
      return { ok: false, code: 'major-without-matter', rule: input.rule, matter: null, needs: 'owners-general' };
    }
    return { ok: true, rule: input.rule, matter: isOwnerRule(input.rule) ? 9 : null };
  }
  const needs = matterOf(matter).rule;
  if (!input.ruleGiven) return { ok: true, rule: needs, matter };
  if (input.rule === needs || input.confirmRule) return { ok: true, rule: input.rule, matter };
  const code = STRENGTH[input.rule] < STRENGTH[needs] ? 'matter-rule-weaker' : 'matter-rule-stronger';
  return { ok: false, code, rule: input.rule, matter, needs };
}

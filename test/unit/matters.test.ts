import { describe, expect, it } from 'vitest';
import { checkMatterRule, MATTERS, matterOf, parseMatterLine, readMatter, type MatterItem } from '../../src/domain/matters.js';
import { inScope, parseScope } from '../../src/domain/scope.js';
import { tally, type OptionCount } from '../../src/domain/tally.js';

/** 12 owners of 100.00 m² each: E = 12 heads, 1,200 m². */
const E = { heads: 12, areaCenti: 120_000 };
const yesNoAbstain = (yes: number, no: number, abstain = 0): OptionCount[] => [
  { optionNo: 1, heads: yes, areaCenti: yes * 10_000, abstain: false, approve: true },
  { optionNo: 2, heads: no, areaCenti: no * 10_000, abstain: false },
  { optionNo: 3, heads: abstain, areaCenti: abstain * 10_000, abstain: true },
];

describe('the matter table at its exact bounds', () => {
  it('holds the nine items of Art. 278 with ¾ only for items 6–8', () => {
    expect(MATTERS.map((m) => m.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(MATTERS.filter((m) => m.rule === 'owners-major').map((m) => m.item)).toEqual([6, 7, 8]);
  });

  for (const m of MATTERS) {
    const rule = m.rule;
    if (rule === 'owners-major') {
      it(`item ${m.item} (${m.key}) passes at exactly ¾ of participants and fails just below`, () => {
        // 8 take part (exactly ⅔ of 12): 6 yes is exactly ¾
        expect(tally({ rule, eligible: E, options: yesNoAbstain(6, 2) }).outcome).toBe('passed');
        expect(tally({ rule, eligible: E, options: yesNoAbstain(5, 3) }).outcome).toBe('failed');
        expect(tally({ rule, eligible: E, options: yesNoAbstain(5, 2, 1) }).outcome).toBe('failed');
      });
    } else {
      it(`item ${m.item} (${m.key}) fails at exactly half of participants and passes just above`, () => {
        expect(tally({ rule, eligible: E, options: yesNoAbstain(4, 4) }).outcome).toBe('failed');
        expect(tally({ rule, eligible: E, options: yesNoAbstain(5, 3) }).outcome).toBe('passed');
        expect(tally({ rule, eligible: E, options: yesNoAbstain(4, 3, 1) }).outcome).toBe('failed');
      });
    }
    it(`item ${m.item} is valid at exactly ⅔ participation and invalid just below`, () => {
      const at = tally({ rule, eligible: E, options: yesNoAbstain(8, 0) });
      expect(at.valid).toBe(true);
      const below = tally({ rule, eligible: { heads: 12, areaCenti: 120_001 }, options: yesNoAbstain(8, 0) });
      expect(below.outcome).toBe('invalid');
      expect(tally({ rule, eligible: E, options: yesNoAbstain(7, 0) }).outcome).toBe('invalid');
    });
  }
});

describe('the matter line', () => {
  it.each([
    ['议事规则', 1], ['管理规约', 2], ['选举业委会', 3], ['更换业委会', 3], ['选聘物业', 4], ['解聘物业', 4], ['物业公司', 4],
    ['使用维修资金', 5], ['动用维修资金', 5], ['筹集维修资金', 6], ['续筹维修资金', 6], ['改建', 7], ['重建', 7], ['加装电梯', 7],
    ['改变用途', 8], ['共有部分经营', 8], ['出租', 8], ['广告', 8], ['其他', 9], ['rebuild', 7], ['use-repair-fund', 5],
    ['raise-repair-fund', 6], ['common-parts-use', 8], ['other', 9], ['meeting-rules', 1], ['7', 7], ['第五项', 5], ['動用維修資金', 5],
  ] as const)('reads %s as item %i', (line, item) => {
    expect(parseMatterLine(line)).toBe(item);
  });
  it('reads nothing from words that name no matter', () => {
    expect(parseMatterLine('随便')).toBeNull();
    expect(parseMatterLine('')).toBeNull();
  });
});

/** Real titles from community groups and city platforms, with the item the law puts them under. */
const TITLES: ReadonlyArray<[string, MatterItem | null]> = [
  ['修订业主大会议事规则', 1],
  ['《业主大会议事规则》修改草案表决', 1],
  ['制定小区管理规约', 2],
  ['修改管理规约第十二条（养犬）', 2],
  ['業主大會管理規約修訂', 2],
  ['选举第二届业主委员会', 3],
  ['业委会换届选举', 3],
  ['补选业主委员会委员两名', 3],
  ['罢免业委会主任', 3],
  ['成立业主委员会', 3],
  ['选聘新的物业服务企业', 4],
  ['解聘现物业公司', 4],
  ['续聘物业服务企业三年', 4],
  ['是否续签物业服务合同', 4],
  ['更换物业公司', 4],
  ['Hire a new property management company', 4],
  ['使用维修资金更换2号楼水泵', 5],
  ['动用公共维修金修屋顶防水', 5],
  ['申请使用专项维修资金维修外墙', 5],
  ['维修金用于更换消防管道', 5],
  ['公共维修基金列支电梯大修', 5],
  ['動用維修資金更換電梯鋼絲繩', 5],
  ['使用住宅专项维修资金维修1号楼屋面', 5],
  ['Use the repair fund for new pumps', 5],
  ['续筹专项维修资金', 6],
  ['维修资金不足，补缴维修资金方案', 6],
  ['筹集维修资金（每平方米30元）', 6],
  ['追加公共维修基金', 6],
  ['電梯廣告收益補充維修資金', 6],
  ['Raise the repair fund by 20 yuan per m²', 6],
  ['2号楼加装电梯方案', 7],
  ['3号楼1单元加装电梯', 7],
  ['增设电梯（2栋2单元）', 7],
  ['老旧小区东门改建', 7],
  ['自行车棚拆除重建', 7],
  ['北侧围墙扩建', 7],
  ['加裝電梯意見徵詢', 7],
  ['Rebuild the east gate', 7],
  ['使用维修资金加装电梯', 7],
  ['电梯广告位出租给广告公司', 8],
  ['把小区东侧绿地改成停车场', 8],
  ['出租场地给早餐车', 8],
  ['电梯广告', 8],
  ['架空层改为老年活动室', 8],
  ['地下室出租', 8],
  ['楼顶出租给移动公司建基站', 8],
  ['小区门口摆摊经营管理', 8],
  ['公共区域设置快递柜', 8],
  ['改变会所用途', 8],
  ['綠地改停車場', 8],
  ['電梯廣告位招租', 8],
  ['Change of use of the bike shed', 8],
  ['Rent out the clubhouse', 8],
  ['Elevator advertising contract', 8],
  ['小区春节联欢会节目', null],
  ['议事日改在周六晚上', null],
  ['文明养犬倡议', null],
  ['楼道堆物清理时间', null],
  ['Repaint the fence', null],
  ['垃圾分类点位置调整', null],
  ['周末志愿者排班', null],
  ['小区大门门禁升级方案征求意见', null],
];

describe('the title reader', () => {
  it('has at least 60 real titles to read', () => {
    expect(TITLES.length).toBeGreaterThanOrEqual(60);
  });
  it.each(TITLES)('reads %s as item %s', (title, item) => {
    expect(readMatter(title)).toBe(item);
  });
});

describe('the rule a matter needs', () => {
  const base = { ruleGiven: true, confirmRule: false } as const;
  it('uses the matter line’s rule when no rule is given', () => {
    expect(checkMatterRule({ ...base, title: '方案', matter: 7, rule: 'simple', ruleGiven: false })).toEqual({ ok: true, rule: 'owners-major', matter: 7 });
    expect(checkMatterRule({ ...base, title: '方案', matter: 5, rule: 'simple', ruleGiven: false })).toEqual({ ok: true, rule: 'owners-general', matter: 5 });
  });
  it('uses the rule of the matter the title names when no rule is given', () => {
    const unwritten = { ...base, matter: null, rule: 'simple', ruleGiven: false } as const;
    expect(checkMatterRule({ ...unwritten, title: '使用维修资金维修2号楼屋面防水' })).toEqual({ ok: true, rule: 'owners-general', matter: 5 });
    expect(checkMatterRule({ ...unwritten, title: '加装电梯' })).toEqual({ ok: true, rule: 'owners-major', matter: 7 });
    expect(checkMatterRule({ ...unwritten, title: '续筹专项维修资金' })).toEqual({ ok: true, rule: 'owners-major', matter: 6 });
    expect(checkMatterRule({ ...unwritten, title: '选聘新的物业服务企业' })).toEqual({ ok: true, rule: 'owners-general', matter: 4 });
    expect(checkMatterRule({ ...unwritten, title: '春节联欢会' })).toEqual({ ok: true, rule: 'simple', matter: null });
  });
  it('refuses a weaker rule than a title’s matter needs unless confirmed', () => {
    expect(checkMatterRule({ ...base, title: '2号楼加装电梯方案', matter: null, rule: 'owners-general' })).toMatchObject({ ok: false, code: 'matter-rule-weaker', needs: 'owners-major', matter: 7 });
    expect(checkMatterRule({ ...base, title: '2号楼加装电梯方案', matter: null, rule: 'owners-general', confirmRule: true })).toEqual({ ok: true, rule: 'owners-general', matter: 7 });
  });
  it('refuses a stronger rule than the matter needs unless confirmed', () => {
    expect(checkMatterRule({ ...base, title: '使用维修资金更换电梯', matter: null, rule: 'owners-major' })).toMatchObject({ ok: false, code: 'matter-rule-stronger', needs: 'owners-general', matter: 5 });
    expect(checkMatterRule({ ...base, title: '更换水泵', matter: 5, rule: 'owners-major' })).toMatchObject({ ok: false, code: 'matter-rule-stronger' });
  });
  it('refuses 重大事项 for a title that names no major matter, and counts other owners’ matters as item 9', () => {
    expect(checkMatterRule({ ...base, title: 'Repaint the fence', matter: null, rule: 'owners-major' })).toMatchObject({ ok: false, code: 'major-without-matter' });
    expect(checkMatterRule({ ...base, title: 'Repaint the fence', matter: null, rule: 'owners-general' })).toEqual({ ok: true, rule: 'owners-general', matter: 9 });
    expect(checkMatterRule({ ...base, title: '春节联欢会', matter: null, rule: 'simple' })).toEqual({ ok: true, rule: 'simple', matter: null });
  });
  it('lets a survey that only asks for opinions touch a major matter, but not a decision', () => {
    expect(checkMatterRule({ ...base, title: '是否启动加装电梯意见征集', matter: null, rule: 'simple', ruleGiven: false })).toEqual({ ok: true, rule: 'simple', matter: null });
    expect(checkMatterRule({ ...base, title: '加裝電梯意見徵詢', matter: null, rule: 'simple', ruleGiven: false })).toMatchObject({ ok: true, rule: 'simple' });
    expect(checkMatterRule({ ...base, title: '是否加装电梯', matter: null, rule: 'simple', ruleGiven: false })).toEqual({ ok: true, rule: 'owners-major', matter: 7 });
    expect(checkMatterRule({ ...base, title: '是否加装电梯', matter: null, rule: 'simple' })).toMatchObject({ ok: false, code: 'matter-rule-weaker' });
    expect(checkMatterRule({ ...base, title: '加装电梯意见征集', matter: null, rule: 'owners-general' })).toMatchObject({ ok: false, code: 'matter-rule-weaker' });
  });
  it('names the rule of every item from one table', () => {
    for (const m of MATTERS) expect(matterOf(m.item)).toBe(m);
  });
});

describe('the scope of a poll', () => {
  it.each([
    ['2号楼', '2'], ['2', '2'], ['2栋', '2'], ['二号楼', '2'], ['2-1', '2-1'], ['2号楼1单元', '2-1'], ['2栋一单元', '2-1'],
    ['building 2', '2'], ['Building 2 entrance 1', '2-1'], ['１２号楼', '12'], ['十二号楼', '12'],
  ] as const)('reads %s as %s', (line, scope) => {
    expect(parseScope(line)).toBe(scope);
  });
  it('refuses what names no building', () => {
    expect(parseScope('东边那几栋')).toBeNull();
    expect(parseScope('')).toBeNull();
  });
  it('matches unit labels on their leading parts', () => {
    expect(inScope('2-1-501', '2-1')).toBe(true);
    expect(inScope('2-2-501', '2-1')).toBe(false);
    expect(inScope('12-1-501', '2')).toBe(false);
    expect(inScope('2-1-501', '2')).toBe(true);
    expect(inScope('02-1-501', '2')).toBe(true);
    expect(inScope('2', '2')).toBe(false);
    expect(inScope('9-9-9', null)).toBe(true);
  });
});

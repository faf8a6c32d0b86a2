/**
 * A community's fee schedule, FAQ and half-year shared income as its committee would publish them
 * (written from the seeds' practice, independently of the questions the tests ask).
 */
import type { FaqEntry } from '../../src/domain/fee-corpus.js';
import type { FeeBasis, FeeItem } from '../../src/domain/fees.js';

export const FEES_CSV = `item,basis,rate,note
物业费,per_m2_month,1.20,住宅物业服务费，按房屋专有部分面积计收
电梯运行费,per_m2_month,0.35,有电梯的楼栋按面积分摊，含电梯年检和维保
地面停车费,per_space_month,150.00,地面固定车位月租
地下车库停车费,per_space_month,300.00,地下车库固定车位月租
生活垃圾处理费,per_unit_month,10.00,每户每月，随物业费一起收
装修垃圾清运费,one_off,500.00,装修前到物业服务中心办理
门禁卡工本费,one_off,20.00,补办或加办门禁卡
`;

export const FAQ_CSV = `question,answer,keywords
物业费怎么交？,可以在物业服务中心前台刷卡或付现金，也可以在“幸福里物业”微信小程序上缴纳。,缴费 支付 微信 支付宝 小程序 前台 线上 刷卡
物业费什么时候交？,物业费每半年交一次：1月缴上半年，7月缴下半年，当月月底前交清。,缴费时间 日期 截止 月底 期限 半年 季度
晚交物业费有滞纳金吗？,按物业服务合同，逾期每天加收欠款的万分之五；有困难的可以找业委会协商分期。,滞纳金 逾期 晚交 拖欠 欠费 催缴 分期
怎么租固定车位？,带行驶证到物业服务中心登记排队，按登记先后分配，车位有空出会电话通知。,租车位 申请 排队 登记 分配 行驶证
外来车辆临时停车怎么收费？,访客车辆首小时免费，之后每小时2元，每天最多20元。,临时停车 访客 外来车辆 小时 临停 亲戚
公共收益怎么分配？,按业主大会通过的“235”规则：20%用于日常管理，30%按专有面积分给全体业主，50%用于公共设施建设和维修。每半年公示一次。,停车收益 广告收益 场地租金 分配 分红 235 公示 去向
报修电话是多少？,物业24小时报修电话：0571-8888 6666；也可以在小程序上提交报修。,报修 维修 坏了 漏水 停电 电话 联系方式
公共维修资金怎么使用？,动用专项维修资金要经专有面积和人数都过半数的业主参与、参与者过半数同意，再报住建部门审核。,维修资金 大修 屋顶 外墙 动用 申请 业主表决
装修要交押金吗？,装修前交2000元装修押金，验收合格后全额退还；装修垃圾清运费另收。,装修 押金 保证金 退还 验收 装修手续
发票怎么开？,缴费后可在前台或小程序申请电子发票，一般3个工作日内发到邮箱。,发票 收据 开票 电子发票 报销
水电费怎么交？,水费、电费由自来水公司和供电公司直接收取，物业不代收，请用各公司的缴费渠道。,水费 电费 燃气费 代收 电力 自来水
空置房物业费能减免吗？,空置满半年的房屋凭空置证明按七折收取物业费，到物业服务中心申请。,空置 没住 没人住 减免 打折 优惠 空房
`;

export const INCOME_CSV = `period,item,amount,note
2026上半年,地面停车位租金,86400.00,48个车位
2026上半年,电梯广告,24000.00,12部电梯
2026上半年,快递柜场地租金,6000.00,
2026上半年,停车场保洁和管理人工,-18000.00,合理成本
`;

/** The schedule and FAQ above as domain values (for the pure matching suite). */
export function seededCorpusInput(): { fees: FeeItem[]; faq: FaqEntry[]; incomeItems: string[] } {
  const rows = (csv: string) => csv.trim().split('\n').slice(1).map((l) => l.split(','));
  const fees = rows(FEES_CSV).map(([item, basis, rate, note]) => ({
    item: item!,
    basis: basis as FeeBasis,
    rateFen: Math.round(Number(rate) * 100),
    note: note ?? '',
  }));
  const faq = rows(FAQ_CSV).map(([question, answer, keywords], i) => ({ faqNo: i + 1, question: question!, answer: answer!, keywords: keywords! }));
  const incomeItems = rows(INCOME_CSV).map(([, item]) => item!);
  return { fees, faq, incomeItems };
}

/** The demo community's fee schedule, FAQ, bills and half-year shared income, as the operator imports them. */

export const DEMO_FEES = `item,basis,rate,note
物业费,per_m2_month,1.20,住宅物业服务费，按房屋专有部分面积计收
电梯运行费,per_m2_month,0.35,有电梯的楼栋按面积分摊
地面停车费,per_space_month,150.00,地面固定车位月租
地下车库停车费,per_space_month,300.00,地下车库固定车位月租
生活垃圾处理费,per_unit_month,10.00,每户每月
装修垃圾清运费,one_off,500.00,装修前到物业服务中心办理
`;

export const DEMO_FAQ = `question,answer,keywords
物业费怎么交？,可以在物业服务中心前台刷卡或付现金，也可以在“幸福里物业”微信小程序上缴纳。,缴费 支付 微信 支付宝 小程序 前台 线上
晚交物业费有滞纳金吗？,按物业服务合同，逾期每天加收欠款的万分之五；有困难的可以找业委会协商分期。,滞纳金 逾期 晚交 拖欠 欠费 分期
公共收益怎么分配？,按业主大会通过的“235”规则：20%用于日常管理，30%按专有面积分给全体业主，50%用于公共设施建设和维修。每半年公示一次。,停车收益 广告收益 分配 分红 235 公示
`;

export const DEMO_BILLS = `unit,item,period,amount,paid
1-1-101,物业费,2026下半年,644.40,644.40
1-1-102,物业费,2026下半年,548.64,300.00
1-1-201,物业费,2026下半年,548.64,0
`;

export const DEMO_INCOME = `period,item,amount,note
2026下半年,地面停车位租金,86400.00,48个车位
2026下半年,电梯广告,24000.00,12部电梯
2026下半年,快递柜场地租金,6000.00,
2026下半年,停车场保洁和管理人工,-18000.00,合理成本
`;

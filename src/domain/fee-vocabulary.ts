/**
 * The words residents use about fees and shared income, for matching questions (pure data).
 * Variants are rewritten to one form before matching; English words are given their Chinese
 * terms, so an English question finds the Chinese schedule and FAQ.
 */

/** Variant → the form used for matching (applied longest first, after traditional → simplified). */
export const CANONICAL: ReadonlyArray<[RegExp, string]> = [
  // how an amount is computed: 怎么算, 咋算的, 如何计算, 按什么算, 计算方法, 算法
  [/(?:怎么|怎样|如何|咋|咋么|怎么个|按什么|按啥|是按什么)(?:计算|计费|算)(?:法|的)?|计算(?:方法|方式|公式)|计费(?:方法|方式|标准)|算法/g, '计算'],
  [/(?:怎么|怎样|如何|咋|在哪里?|在哪儿|哪里|哪儿|去哪|到哪|哪能)(?:交|缴|缴费|付|支付)/g, '缴费方式'],
  [/(?:什么时候|啥时候|几月份?|几号|哪天|何时)(?:交|缴|缴费|付)/g, '缴费时间'],
  [/什么时候|啥时候|几月份?|几号|哪天|何时|多久/g, '时间'],
  [/找谁(?:修|弄|处理|解决)?|联系谁|问谁|打给谁|打什么电话/g, '联系'],
  [/罚钱|罚款|罚金|多收钱/g, '滞纳金'],
  [/[一每]?(?:平方米|平方|㎡|m²|m2|sqm|square ?met(?:er|re)s?|平米|平)(?![台房面顶])/g, '平米'],
  [/物管费|物业管理费|物业服务费|管理费/g, '物业费'],
  [/停车位|泊车位|车位/g, '车位'],
  [/停车费|泊车费|车位费/g, '停车费'],
  [/垃圾费/g, '垃圾处理费'],
  [/交钱|缴钱|缴纳|交纳|缴费|交费/g, '缴费'],
  [/多钱|几多钱|多少米/g, '多少钱'],
  [/甚么|啥/g, '什么'],
  [/咋|咋样/g, '怎么'],
  [/分钱|返钱|返还|分到钱/g, '分红'],
  [/共有收益|公共收入|公摊收益|小区收益/g, '公共收益'],
  [/维修基金|维修金|公共维修资金/g, '维修资金'],
];

/** Question words and filler dropped before n-grams are taken. */
export const STOP_PHRASES = [
  '请问一下', '请问', '想问一下', '想问', '问一下', '问下', '麻烦问', '大家好', '各位', '你好', '您好', '谢谢', '多谢',
  '怎么样', '怎么', '如何', '什么', '为什么', '为啥', '是否', '是不是', '能不能', '可不可以', '可以', '有没有', '有人知道',
  '知道', '一下', '什么意思', '意思', '家里', '在哪', '哪', '我们家', '我们', '我家', '我的', '咱们', '咱家', '俺家', '你们', '小区里', '小区', '现在', '目前', '今年',
  '这个', '那个', '哪个', '哪里', '哪儿', '哪些', '多少钱', '多少', '大概', '一般', '的话', '还是', '到底', '就是', '请教', '了解',
  '吗', '呢', '啊', '呀', '吧', '嘛', '哈', '哦', '喔', '啦', '的', '了', '么', '我', '你', '他', '她',
];

/** Characters that carry little meaning alone: no weight of their own, and little in a bigram. */
export const FUNCTION_CHARS = new Set([...'在要会能不点个都去来给让被还就又得过着是有也和跟把这那上下里一几多少到对用说做可以吗呢啊吧了的么该需应']);

/** English words to Chinese terms; words not listed are kept as they are (they may be FAQ keywords). */
export const ENGLISH: Readonly<Record<string, string>> = {
  property: '物业', management: '物业', fee: '费', fees: '费', charge: '收费', charges: '收费', cost: '费用', costs: '费用',
  price: '价格', rate: '收费', rates: '收费', pay: '缴费', paying: '缴费', paid: '缴费', payment: '缴费',
  parking: '停车', park: '停车', car: '车', space: '车位', spaces: '车位', spot: '车位', garage: '车库',
  elevator: '电梯', lift: '电梯', lifts: '电梯', elevators: '电梯', water: '水费', electricity: '电费', power: '电费',
  garbage: '垃圾', trash: '垃圾', rubbish: '垃圾', waste: '垃圾', repair: '维修', repairs: '维修', fund: '资金',
  income: '收益', revenue: '收益', shared: '公共', common: '公共', dividend: '分红', dividends: '分红', split: '分配',
  share: '分红', advertising: '广告', ads: '广告', ad: '广告', rent: '租金', deposit: '押金', renovation: '装修',
  decoration: '装修', bill: '账单', bills: '账单', owe: '欠费', owed: '欠费', unpaid: '欠费', arrears: '欠费',
  month: '每月', monthly: '每月', year: '每年', yearly: '每年', annual: '每年', meter: '平米', meters: '平米',
  wechat: '微信', alipay: '支付宝', online: '线上', office: '物业', late: '滞纳金', penalty: '滞纳金', heating: '暖气',
  gas: '燃气', card: '卡', key: '钥匙', dog: '狗', pet: '宠物',
};

export const ENGLISH_STOP = new Set([
  'the', 'a', 'an', 'is', 'are', 'was', 'do', 'does', 'did', 'i', 'we', 'my', 'our', 'you', 'your', 'to', 'of', 'for', 'in',
  'on', 'at', 'per', 'how', 'much', 'many', 'what', 'when', 'where', 'which', 'who', 'why', 'can', 'could', 'should', 'will',
  'would', 'it', 'this', 'that', 'and', 'or', 'me', 'us', 'please', 'there', 'any', 'be', 'with', 'by', 'from', 'about', 'have', 'has', 'get',
]);

/** A word about money: one of these in a question makes it a fee question. */
export const MONEY_WORDS =
  /费|钱|收费|缴费|价格|价钱|收益|收入|分红|账单|欠|退款|押金|租|滞纳金|预存|元|块|单价|标准|\bhow much\b|\bparking\b|\bfees?\b|\bcharges?\b|\bcosts?\b|\bprice\b|\bpay\b|\bbills?\b|\bincome\b|\bdividends?\b|\bowe\b|\brent\b/i;

/** What makes a message read as a question. */
export const QUESTION_CUES =
  /[?]|吗|么|呢|多少|几|怎|咋|啥|如何|什么|哪|是否|是不是|能不能|可不可以|有没有|请问|想问|问一下|为啥|为什么|\b(how|what|why|when|where|which|is|are|do|does|can|could)\b/i;

/** The asker speaks of their own household. */
export const PERSONAL =
  /我家|我们家|俺家|咱家|自家|本户|我户|我的(费|物业|账|欠|分红)|我(要|该|得|需要|应该)?(交|缴|欠|付)|我.{0,4}分红|我能分|\bmy\b|\bour\b|\bi owe\b|\bdo i\b|\bi pay\b|\bshould i\b/i;

/** The asker asks what the household owes or was billed. */
export const OWED = /欠|账单|没交|未交|交了没|交清|缴清|还差|补交|\bowe\b|\bbills?\b|\bunpaid\b|\boverdue\b|\barrears\b/i;

/** The asker asks about the dividend from shared income. */
export const DIVIDEND = /分红|分到|能分|分多少|\bdividends?\b|\bmy share\b/i;

/** Words about shared income: the income records answer only questions with one of these. */
export const INCOME_WORDS = /收益|收入|分红|分配|去向|去哪|公示|账目|\bincome\b|\bdividends?\b|\brevenue\b|\bsplit\b/i;

/** Questions about the bot itself, answered by the help rather than kept for the committee. */
export const ABOUT_THE_BOT = /怎么用|咋用|如何用|如何使用|怎么使用|用法|帮助|命令|功能|你是谁|你会什么|你能做什么|能干什么|怎么绑定|怎么投票|\bhelp\b|\bhow (do i )?use\b|\bcommands?\b|\bwho are you\b/i;

/** A word that makes a group message plainly about the community's fees (not 钱 or 价格 of anything). */
export const FEE_TOPIC = /费|收益|分红|账单|欠费|滞纳金|押金|\bfees?\b|\bcharges?\b|\bbills?\b|\bincome\b|\bdividends?\b/i;

/** Reminders and quiet-voting lines (zh-CN). */
export const zhReminders = {
  quiet: {
    turnoutLine: (no: number, fresh: number, voted: number, eligible: number) => `表决 #${no}：又收到 ${fresh} 户投票，共 ${voted}/${eligible} 户。`,
    /** Votes typed in the group whose private receipt could not be delivered: units only, never an option. */
    recordedLine: (no: number, units: string[]) => `表决 #${no} 已记录投票：${units.join('、')}`,
    /** After that line, once per voter the bot cannot message privately: how to get receipts. */
    addBotHint: (names: string[], platform: 'telegram' | 'wechat') =>
      `${names.join('、')}：我没法私信您回执，${platform === 'wechat' ? '请添加我为微信好友' : '请点开我的头像，给我发送 /start'}，以后的回执会私信给您。`,
  },
  reminders: {
    poll: (no: number, title: string, deadline: string) => `【表决提醒】表决 #${no}「${title}」将于 ${deadline} 截止。`,
    unvoted: (n: number) => `还有 ${n} 户没有投票，请抓紧投票。`,
    personal: (no: number, title: string, deadline: string) =>
      `【个人提醒】表决 #${no}「${title}」将于 ${deadline} 截止，您家还没有投票。发送“投票 ${no} 选项”即可投票。发送“提醒 关”不再接收。`,
  },
};

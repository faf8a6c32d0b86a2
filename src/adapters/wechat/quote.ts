/**
 * WeChat's 引用 (quote) replies. wechaty-puppet-wechat4u turns a quoting message (an app message of
 * type 57, `refermsg`) into a Text message written as
 * `「NAME：QUOTED」\n- - - - - - - - - - - - - - -\nREPLY`; this reads it back into its parts.
 */
export interface WechatQuote {
  /** The display name of who wrote the quoted message. */
  name: string;
  /** The quoted message's text (a picture or other media is a word such as `图片`). */
  quoted: string;
  /** What the person wrote in reply. */
  reply: string;
}

const QUOTE = /^「([^\n]*?)[：:]([\s\S]*)」\n(?:- ?){10,}\n([\s\S]*)$/;

/** The parts of a quoting message, or null when the text is not one. */
export function splitQuote(text: string): WechatQuote | null {
  if (typeof text !== 'string' || text.charAt(0) !== '「' || text.length > 20_000) return null;
  const m = QUOTE.exec(text);
  return m ? { name: m[1]!, quoted: m[2]!, reply: m[3]!.trim() } : null;
}

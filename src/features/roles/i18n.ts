/** Every sentence of appointing roles (任命), in zh-CN and en. Pure data: the manifest reads the help line. */
import type { Locale } from '../../chat/model.js';

const zh = {
  help: '任命 @某人 委员|主任|居民 — 设置身份（回复或@此人）',
  role: {
    usage: '用法：任命 @某人 委员|主任|居民（也可以回复此人的消息发送“任命 委员”）',
    who: '请@要任命的人，或回复他的消息再发送。',
    ambiguous: (name: string) => `群里有多位叫“${name}”的成员，请回复此人的消息再任命。`,
    unknownName: (name: string) => `我还不认识 @${name}：请此人先在群里说句话（或私聊我），或回复此人的消息再发送“任命 委员”。`,
    ok: (name: string, role: string) => `已将 ${name} 设为${role}。`,
    lastChair: '不能撤下最后一位主任/召集人，请先任命新的主任。',
  },
};

export type RolesText = typeof zh;

const en: RolesText = {
  help: '/role @someone committee|chair|resident — set a role (reply to or mention the person)',
  role: {
    usage: 'Usage: /role @someone committee|chair|resident (or reply to their message with "/role committee")',
    who: 'Mention the person, or reply to their message.',
    ambiguous: (name: string) => `Several members are called "${name}". Reply to that person's message instead.`,
    unknownName: (name: string) => `I do not know @${name} yet: ask them to say something in the group (or message me), or reply to their message with "/role committee".`,
    ok: (name: string, role: string) => `${name} is now ${role}.`,
    lastChair: 'The last chair cannot step down; name a new chair first.',
  },
};

export const ROLES_TEXT: Record<Locale, RolesText> = { 'zh-CN': zh, en };

export function rolesText(locale: Locale): RolesText {
  return ROLES_TEXT[locale];
}

/** Roles (任命, SPEC §3): the chair makes a member of the group committee, chair or resident; the operator sets any role from the CLI. */
import type { Platform } from '../../app/communities.js';
import type { CommandSpec } from '../../cli/command-spec.js';
import { CliError, EXIT } from '../../cli/output.js';
import { parseRole } from '../../domain/roles.js';
import type { FeatureManifest } from '../manifest.js';
import { empty, looksLikeChatter } from '../sense.js';
import { ROLES_TEXT } from './i18n.js';

declare module '../../chat/parse-command.js' {
  interface FeatureCommandNames {
    role: true;
  }
}

/** Someone (`@…`) or a role word follows, and the rest is not talk: `任命 @Bob 委员`, not `任命 的事谁说了算`. */
const ROLE_WORD = /委员|主任|召集人|居民|committee|chair|resident/i;

const PLATFORMS: readonly Platform[] = ['telegram', 'wechat'];

/** `role COMMUNITY PLATFORM:USER_ID ROLE`: the operator's way to name the first chair, or any role. */
const roleCommand: CommandSpec = {
  words: ['role'],
  usage: `  role COMMUNITY PLATFORM:USER_ID chair|committee|resident
      Set a member's role. PLATFORM is telegram or wechat, e.g. telegram:123456789.`,
  args: ['COMMUNITY', 'PLATFORM:USER_ID', 'ROLE'],
  flags: [],
  prepare([community, identity, roleName]) {
    const m = /^([a-z]+):(.+)$/i.exec(identity!.trim());
    const platform = m?.[1]?.toLowerCase() as Platform | undefined;
    if (!m || !platform || !PLATFORMS.includes(platform)) {
      throw new CliError(`"${identity}" is not PLATFORM:USER_ID (PLATFORM is telegram or wechat), e.g. telegram:123456789`, EXIT.usage);
    }
    const role = parseRole(roleName!);
    if (!role) throw new CliError(`ROLE "${roleName}" must be chair, committee or resident (or 主任, 委员, 居民)`, EXIT.usage);
    return async (ctx) => (await import('./cli.js')).setRoleByOperator(community!, platform, m[2]!, role, ctx);
  },
};

export const rolesManifest: FeatureManifest = {
  name: 'roles',
  commands: [
    {
      name: 'role',
      en: 'role',
      zh: ['任命'],
      sense: (c) => empty(c) || ((c.args.includes('@') || ROLE_WORD.test(c.args)) && !looksLikeChatter(c.args.replace(/@\S+/g, ''))),
      who: 'chair',
      help: { 'zh-CN': ROLES_TEXT['zh-CN'].help, en: ROLES_TEXT.en.help },
    },
  ],
  handlers: () => import('./handlers.js').then((m) => m.roleHandlers),
  cli: [roleCommand],
};

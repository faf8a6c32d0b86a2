/** `role COMMUNITY PLATFORM:USER_ID ROLE` (SPEC §4): the operator sets a member's role, the arguments already checked. */
import type { Platform } from '../../app/communities.js';
import { setRole } from '../../app/members.js';
import { communityOf, type CommandContext } from '../../cli/command-spec.js';
import { CliError, EXIT } from '../../cli/output.js';
import type { Role } from '../../domain/roles.js';

export async function setRoleByOperator(community: string, platform: Platform, userId: string, newRole: Role, { db, clock, out }: CommandContext): Promise<number> {
  const c = await communityOf(db, community);
  const r = await setRole(db, clock, { communityId: c.communityId, platform, userId, role: newRole, actor: 'operator' });
  const who = `${platform}:${userId}`;
  if (!r.ok) throw new CliError(`${who} is the only chair of ${c.name}: make someone else chair first, then change this one`);
  if (out.json) out.value({ community: c.name, member: who, role: newRole, previous: r.previous });
  else if (r.previous === null) out.line(`${who} is now ${newRole} of ${c.name} (new member: they bind to their unit with /bind).`);
  else out.line(`${who} is now ${newRole} of ${c.name} (was ${r.previous}).`);
  return EXIT.ok;
}

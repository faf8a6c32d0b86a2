import type { FeatureManifest } from './manifest.js';
import { basicsManifest } from './basics/manifest.js';
import { ballotsManifest } from './ballots/manifest.js';
import { pollsManifest } from './polls/manifest.js';
import { signInManifest } from './sign-in/manifest.js';
import { remindManifest } from './remind/manifest.js';
import { conventionsManifest } from './conventions/manifest.js';
import { feesManifest } from './fees/manifest.js';
import { meetingsManifest } from './meetings/manifest.js';
import { repairsManifest } from './repairs/manifest.js';
import { rolesManifest } from './roles/manifest.js';
import { scheduleManifest } from './schedule/manifest.js';
import { topicsManifest } from './topics/manifest.js';

/** Every feature declared by a manifest: adding one is its folder, its migration, its tests and a line here. */
export const MANIFESTS: readonly FeatureManifest[] = [basicsManifest, pollsManifest, ballotsManifest, signInManifest, rolesManifest, scheduleManifest, remindManifest, topicsManifest, meetingsManifest, conventionsManifest, repairsManifest, feesManifest];

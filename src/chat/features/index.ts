import type { Feature } from '../context.js';
import { bindFeature, helpFeature, meFeature, setupFeature } from './basics.js';
import { pollFeature } from './polls.js';
import { roleFeature } from './roles.js';

/** Every feature, registered on the router in this order. */
export function allFeatures(): Feature[] {
  return [helpFeature, setupFeature, bindFeature, meFeature, pollFeature, roleFeature];
}

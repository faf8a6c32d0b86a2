import { manifestFeatures } from '../../features/registry.js';
import type { Feature } from '../context.js';
import { bindFeature, helpFeature, meFeature, setupFeature } from './basics.js';

/** Every feature, registered on the router in this order (those with a manifest from src/features). */
export function allFeatures(): Feature[] {
  return [
    helpFeature,
    setupFeature,
    bindFeature,
    meFeature,
    // Features declared by a manifest (src/features); those that overhear group text (fee questions) come last.
    ...manifestFeatures(),
  ];
}

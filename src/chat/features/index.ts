import { manifestFeatures } from '../../features/registry.js';
import type { Feature } from '../context.js';

/** Every feature, registered on the router in this order (those with a manifest from src/features: help, setup, bind, me and the rest). */
export function allFeatures(): Feature[] {
  return [
    // Features declared by a manifest (src/features); those that overhear group text (fee questions) come last.
    ...manifestFeatures(),
  ];
}

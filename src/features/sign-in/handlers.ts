/** `/web` and `/desk`: the sign-in links, to the address the service is reached at. */
import type { FeatureHandlers } from '../manifest.js';
import { deskSignInFeature } from '../../web/desk/sign-in-feature.js';
import { webSignInFeature } from '../../web/sign-in-feature.js';

export const signInHandlers: FeatureHandlers = {
  async handle(ctx, cmd) {
    // Without an address (a service started without its pages) there is no link to give.
    if (!ctx.deps.publicUrl) return ctx.reply(ctx.t.web.pagesOff);
    const publicUrl = () => ctx.deps.publicUrl?.() ?? '';
    const feature = cmd.name === 'desk' ? deskSignInFeature(publicUrl) : webSignInFeature(publicUrl);
    await feature.handle(ctx, cmd);
  },
};

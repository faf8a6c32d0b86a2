/** The chat side of topics and the agenda: each command to its handler. */
import type { FeatureHandlers } from '../manifest.js';
import { handleAgenda } from './agenda.js';
import { handleList, handlePropose, handleSecond } from './propose.js';
import { handleStep } from './steps.js';

export const topicHandlers: FeatureHandlers = {
  async handle(ctx, cmd) {
    switch (cmd.name) {
      case 'topic':
        return handlePropose(ctx, cmd);
      case 'second':
        return handleSecond(ctx, cmd);
      case 'topics':
        return handleList(ctx, cmd);
      case 'agenda':
        return handleAgenda(ctx, cmd);
      default:
        return handleStep(ctx, cmd);
    }
  },
};

import { createCast } from './cast.js';
import { playCollecting } from './collecting.js';
import { createDemoChat, type DemoChatOptions } from './demo-chat.js';
import { playDeliberation } from './deliberation.js';
import { playFees } from './fees.js';
import { playLiftVote } from './lift-vote.js';
import { playOpening } from './opening.js';

/**
 * Plays a month of one community (幸福里小区, December 2026) in a simulated WeChat group over the
 * real chat core on a fresh embedded database, and writes the conversation to `out`: setup and
 * binding, an owners' vote on a lift for one entrance (announced 15 days ahead, a paper ballot, a receipt check), topics collected, co-signed, put on the agenda or declined, decided on
 * the deliberation day, handed to the property company and closed with feedback, a meeting with
 * RSVPs, a convention adopted by a secret residents' vote, and fee questions with the half-year
 * shared income split by the “235” rule. Returns the transcript.
 */
export async function runDemo(opts: DemoChatOptions = {}): Promise<string[]> {
  const chat = await createDemoChat(opts);
  const cast = createCast();
  try {
    await playOpening(chat, cast);
    await playCollecting(chat, cast);
    await playLiftVote(chat, cast);
    await playDeliberation(chat, cast);
    await playFees(chat, cast);
  } finally {
    await chat.close();
  }
  return chat.transcript;
}

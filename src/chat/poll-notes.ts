import { adoptedByPoll } from '../app/conventions.js';
import type { Poll } from '../app/polls.js';
import { getTopic } from '../app/topics.js';
import type { CoreDeps } from './context.js';
import type { Catalogue } from './i18n/index.js';

/** Lines added under a closed poll's result: the convention version it put in force, the topic it decides. */
export async function pollResultNotes(ctx: { deps: Pick<CoreDeps, 'db'>; t: Catalogue }, poll: Poll): Promise<string[]> {
  const notes: string[] = [];
  if (poll.convention) {
    const adopted = await adoptedByPoll(ctx.deps.db, poll.pollId);
    if (adopted?.version != null) notes.push(ctx.t.convention.adopted(adopted.title, adopted.version, adopted.version > 1 ? adopted.version - 1 : null));
  }
  if (poll.topicId != null) {
    const topic = await getTopic(ctx.deps.db, poll.topicId);
    if (topic) notes.push(ctx.t.topic.pollFor(topic.topicNo, topic.title));
  }
  return notes;
}

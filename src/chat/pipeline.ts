/** A step of the message pipeline, in the spirit of grammY's Composer: do something, or pass on with `next()`. */
export type Middleware<C> = (ctx: C, next: () => Promise<void>) => Promise<void>;

/** Runs middleware in order; each decides whether the rest runs. */
export function compose<C>(steps: Middleware<C>[]): (ctx: C) => Promise<void> {
  return (ctx) => {
    const run = async (i: number): Promise<void> => {
      const step = steps[i];
      if (!step) return;
      let called = false;
      await step(ctx, async () => {
        if (called) throw new Error('next() called twice in one middleware');
        called = true;
        await run(i + 1);
      });
    };
    return run(0);
  };
}

/** A sliding-window limit per key: at most `max` events within `windowMs`. */
export function createRateLimiter(max: number, windowMs: number) {
  const hits = new Map<string, number[]>();
  return {
    /** Records an event; 'ok', 'limited' (first refusal in the window: tell the person) or 'silent'. */
    hit(key: string, now: number): 'ok' | 'limited' | 'silent' {
      const list = (hits.get(key) ?? []).filter((t) => t > now - windowMs);
      list.push(now);
      hits.set(key, list);
      if (hits.size > 50_000) {
        for (const [k, v] of hits) if ((v.at(-1) ?? 0) <= now - windowMs) hits.delete(k);
      }
      if (list.length <= max) return 'ok';
      return list.length === max + 1 ? 'limited' : 'silent';
    },
  };
}

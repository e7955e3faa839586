// Request coalescing: identical reads that arrive while one is running share its answer instead of asking again.

/**
 * One running read per key. A request that finds the same read in flight waits for it rather than starting its
 * own, so fifty investigators paging the same clue list cost the store one query at a time, not fifty. Nothing is
 * kept once a read ends: an answer is never older than the request that waits for it, except by the time the
 * shared read was already running. After a write, `forget()` makes every later request start afresh.
 */
export class SingleFlight<V> {
  private readonly running = new Map<string, Promise<V>>();

  run(key: string, read: () => Promise<V>): Promise<V> {
    const inFlight = this.running.get(key);
    if (inFlight) return inFlight;
    const started = read().finally(() => {
      if (this.running.get(key) === started) this.running.delete(key);
    });
    this.running.set(key, started);
    return started;
  }

  /** Reads already running keep their answer for those waiting; requests from now on read again. */
  forget(): void {
    this.running.clear();
  }

  /** Reads in flight now (for tests). */
  get size(): number {
    return this.running.size;
  }
}

// SingleFlight: identical reads in flight are shared; nothing is kept after; forget() makes later reads start afresh.
import { describe, expect, it } from 'vitest';
import { SingleFlight } from '../../engine/server/single-flight.ts';

/** A read that answers when told to, counting how often it was started. */
function gatedRead() {
  let started = 0;
  let open: (value: number) => void = () => {};
  const read = () => {
    started += 1;
    return new Promise<number>((resolve) => {
      open = resolve;
    });
  };
  return { read, started: () => started, open: (v: number) => open(v) };
}

describe('SingleFlight', () => {
  it('shares one running read between identical requests, and keeps nothing once it ends', async () => {
    const flights = new SingleFlight<number>();
    const gate = gatedRead();
    const answers = Array.from({ length: 5 }, () => flights.run('a', gate.read));
    expect(gate.started()).toBe(1);
    gate.open(7);
    expect(await Promise.all(answers)).toEqual([7, 7, 7, 7, 7]);
    expect(flights.size).toBe(0);
    const again = flights.run('a', gate.read);
    expect(gate.started()).toBe(2);
    gate.open(8);
    expect(await again).toBe(8);
  });

  it('runs different keys apart, and after forget() a new request reads again', async () => {
    const flights = new SingleFlight<string>();
    let n = 0;
    const slow = () => new Promise<string>((r) => setTimeout(() => r(`answer ${++n}`), 20));
    const first = flights.run('a', slow);
    const other = flights.run('b', slow);
    flights.forget();
    const afterWrite = flights.run('a', slow);
    expect(await first).not.toBe(await afterWrite);
    expect(new Set([await first, await other, await afterWrite]).size).toBe(3);
  });

  it('passes a failure to every waiter and does not keep it', async () => {
    const flights = new SingleFlight<number>();
    const failing = () => Promise.reject(new Error('store down'));
    await expect(Promise.all([flights.run('a', failing), flights.run('a', failing)])).rejects.toThrow(
      'store down',
    );
    expect(flights.size).toBe(0);
  });
});

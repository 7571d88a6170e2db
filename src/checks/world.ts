/**
 * The same code run "elsewhere": another clock and other random numbers, as a task retried later
 * would see. A result that must not depend on when or where it was computed (salts, ids, anything
 * a retry recomputes) is compared across two worlds.
 */
export interface World {
  /** Where Math.random's sequence starts, in [0, 1). */
  random: number;
  /** What the clock says, in ms since the epoch. */
  now: number;
}

/**
 * Runs `body` with Math.random, the clock (Date.now, new Date(), performance.now) answering as `world`
 * says, then puts them back.
 */
export function inWorld<T>(world: World, body: () => T): T {
  const saved = { random: Math.random, Date, perf: performance.now };
  let draws = 0;
  Math.random = () => (world.random + 0.137 * draws++) % 1;
  const RealDate = Date;
  globalThis.Date = class extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(world.now);
      else super(...(args as [string]));
    }
    static now() {
      return world.now;
    }
  } as DateConstructor;
  performance.now = () => world.now % 1e7;
  try {
    return body();
  } finally {
    Math.random = saved.random;
    globalThis.Date = saved.Date;
    performance.now = saved.perf;
  }
}

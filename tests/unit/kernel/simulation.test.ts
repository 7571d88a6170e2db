/**
 * The kernel, proven with a tiny simulated system: a log of numbers, a consumer process that
 * reads from its committed offset, writes each number to a sink and commits, and crash points
 * around those calls. No real time passes: the clock jumps from event to event.
 */
import { describe, expect, test } from 'vitest';
import { Simulation, crashPointsOf, describeCrashPoint, type CrashPoint, type Process } from '../../../src/engine/kernel/index.ts';

/** Durable state that survives a crash: the log, the committed offset, the sink. */
interface World {
  log: number[];
  committed: number;
  sink: number[];
}

/** A consumer that processes one record at a time: write to the sink, then commit (at-least-once). */
function consumer(sim: Simulation, world: World) {
  return async (self: Process) => {
    let next = world.committed; // a restart resumes from the last commit
    while (next < world.log.length) {
      const record = await sim.call(self, 'fetch', () => world.log[next]);
      await sim.sleep(self, 5); // processing takes 5 ms of virtual time
      await sim.call(self, 'write', () => void world.sink.push(record));
      next += 1;
      await sim.call(self, 'commit', () => void (world.committed = next));
    }
  };
}

function scenario(crashes: CrashPoint[] = []) {
  const sim = new Simulation({ seed: 7, crashes, budget: { maxTime: 10_000 } });
  const world: World = { log: [10, 11, 12, 13], committed: 0, sink: [] };
  sim.spawn('consumer', consumer(sim, world));
  return { sim, world };
}

describe('virtual clock and event queue', () => {
  test('events run in time order, and events due at the same time in the order they were scheduled', async () => {
    const sim = new Simulation();
    const seen: string[] = [];
    sim.schedule(20, () => seen.push('b@20'));
    sim.schedule(10, () => seen.push('a@10'));
    sim.schedule(20, () => seen.push('c@20'));
    sim.schedule(0, () => seen.push(`now@${sim.now}`));
    const outcome = await sim.run();
    expect(seen).toEqual(['now@0', 'a@10', 'b@20', 'c@20']);
    expect(outcome).toMatchObject({ reason: 'drained', now: 20, steps: 4 });
  });

  test('a process sleeping an hour finishes at once in wall time, an hour later in virtual time', async () => {
    const sim = new Simulation();
    let wokeAt = -1;
    sim.spawn('sleeper', async (self) => {
      await sim.sleep(self, 3_600_000);
      wokeAt = sim.now;
    });
    const started = performance.now();
    await sim.run();
    expect(wokeAt).toBe(3_600_000);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('two processes interleave by virtual time, the same way every run', async () => {
    const trace = async () => {
      const sim = new Simulation();
      const seen: string[] = [];
      for (const [name, step] of [['fast', 3], ['slow', 5]] as const) {
        sim.spawn(name, async (self) => {
          for (let i = 0; i < 3; i++) {
            await sim.sleep(self, step);
            seen.push(`${name}@${sim.now}`);
          }
        });
      }
      await sim.run();
      return seen;
    };
    const first = await trace();
    expect(first).toEqual(['fast@3', 'slow@5', 'fast@6', 'fast@9', 'slow@10', 'slow@15']);
    expect(await trace()).toEqual(first);
  });

  test('seeded randomness: the same seed gives the same choices, another seed others', () => {
    const draw = (seed: number) => {
      const sim = new Simulation({ seed });
      return Array.from({ length: 8 }, () => sim.random.int(1000));
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });
});

describe('crash points and restarts', () => {
  test('without a crash, every record is written once and committed', async () => {
    const { sim, world } = scenario();
    const outcome = await sim.run();
    expect(outcome.reason).toBe('drained');
    expect(world.sink).toEqual([10, 11, 12, 13]);
    expect(world.committed).toBe(4);
    expect(sim.faults.count('commit')).toBe(4);
  });

  test('a crash before the 2nd commit: the write happened, the commit did not, so a restart writes record 11 again', async () => {
    const { sim, world } = scenario([{ call: 'commit', nth: 2, when: 'before', restartAfter: 100 }]);
    const outcome = await sim.run();
    expect(outcome.reason).toBe('drained');
    expect(world.sink).toEqual([10, 11, 11, 12, 13]); // at-least-once: a duplicate
    expect(world.committed).toBe(4);
    const crash = sim.timeline.find((e) => e.type === 'crash');
    expect(crash).toMatchObject({ process: 'consumer', incarnation: 1 });
    expect(sim.timeline.filter((e) => e.type === 'restart')).toHaveLength(1);
  });

  test('a crash after a call: the call took effect, but the crashed process never continues', async () => {
    const { sim, world } = scenario([{ call: 'write', nth: 1, when: 'after' }]);
    await sim.run();
    expect(world.sink).toEqual([10]);
    expect(world.committed).toBe(0); // it never got to commit, and nothing restarted it
    expect(sim.processes[0].state).toBe('crashed');
  });

  test('every crash point of a clean run can be replayed, and each replay ends by itself', async () => {
    const clean = scenario();
    await clean.sim.run();
    const points = crashPointsOf(clean.sim.faults.log, 50);
    expect(points).toHaveLength(2 * 12); // before and after each of 4 fetches, writes and commits
    const duplicated: string[] = [];
    for (const point of points) {
      const { sim, world } = scenario([point]);
      const outcome = await sim.run();
      expect(outcome.reason, describeCrashPoint(point)).toBe('drained');
      expect(new Set(world.sink), describeCrashPoint(point)).toEqual(new Set([10, 11, 12, 13])); // nothing lost
      if (world.sink.length > 4) duplicated.push(describeCrashPoint(point));
    }
    // Write-then-commit duplicates exactly when the crash falls between a write and its commit.
    expect(duplicated).toEqual([1, 2, 3, 4].flatMap((n) => [`crash after the ${ordinal(n)} call of write`, `crash before the ${ordinal(n)} call of commit`]));
  });

  test('a crash plan naming a call that never happens changes nothing', async () => {
    const { sim, world } = scenario([{ call: 'commit', nth: 99, when: 'before' }]);
    await sim.run();
    expect(world.sink).toEqual([10, 11, 12, 13]);
  });

  test('bad crash points are refused with a clear message', () => {
    expect(() => new Simulation({ crashes: [{ call: 'commit', nth: 0, when: 'before' }] })).toThrow(/nth must be 1 or more/);
    expect(() => new Simulation({ crashes: [{ call: '', nth: 1, when: 'before' }] })).toThrow(/name of a call/);
  });
});

describe('budgets: a simulation always ends by itself', () => {
  test('an endless polling loop stops at its time budget, keeping what it produced', async () => {
    const sim = new Simulation({ budget: { maxTime: 1_000 } });
    const polled: number[] = [];
    sim.spawn('poller', async (self) => {
      for (;;) {
        polled.push(sim.now);
        await sim.sleep(self, 100);
      }
    });
    const started = performance.now();
    const outcome = await sim.run();
    expect(outcome.reason).toBe('time-budget');
    expect(polled).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test('a busy loop of zero-delay steps stops at its step budget', async () => {
    const sim = new Simulation({ budget: { maxSteps: 500 } });
    let spins = 0;
    sim.spawn('spinner', async (self) => {
      for (;;) {
        spins++;
        await sim.sleep(self, 0);
      }
    });
    const outcome = await sim.run();
    expect(outcome).toMatchObject({ reason: 'step-budget', steps: 500 });
    expect(spins).toBeGreaterThan(400);
  });

  test('a process waiting on something outside the simulation is reported as stalled, and the run still ends', async () => {
    const sim = new Simulation();
    sim.spawn('stuck', async () => {
      await new Promise(() => {});
    });
    sim.spawn('fine', async (self) => {
      await sim.sleep(self, 10);
    });
    const outcome = await sim.run();
    expect(outcome.reason).toBe('drained');
    expect(outcome.stalled).toEqual(['stuck']);
    expect(sim.processes.find((p) => p.name === 'fine')?.state).toBe('done');
  });

  test('a process that throws fails alone; the others go on', async () => {
    const sim = new Simulation();
    sim.spawn('broken', async (self) => {
      await sim.sleep(self, 1);
      throw new Error('boom');
    });
    let done = false;
    sim.spawn('other', async (self) => {
      await sim.sleep(self, 5);
      done = true;
    });
    await sim.run();
    expect(done).toBe(true);
    expect(sim.processes[0]).toMatchObject({ state: 'failed' });
    expect(sim.timeline.find((e) => e.type === 'failed')).toMatchObject({ process: 'broken', error: 'Error: boom' });
  });
});

function ordinal(n: number): string {
  return `${n}${['th', 'st', 'nd', 'rd'][n] ?? 'th'}`;
}

describe('running again', () => {
  test('run() goes on from where a stop left it, with what was scheduled since; a second run() during a run is refused', async () => {
    const sim = new Simulation();
    const seen: number[] = [];
    sim.schedule(10, () => {
      seen.push(sim.now);
      sim.stop();
    });
    sim.schedule(20, () => seen.push(sim.now));
    const first = sim.run();
    await expect(sim.run()).rejects.toThrow(/already running/);
    expect((await first).reason).toBe('stopped');
    expect(seen).toEqual([10]);
    sim.schedule(5, () => seen.push(sim.now));
    const second = await sim.run();
    expect(second.reason).toBe('drained');
    expect(seen).toEqual([10, 15, 20]);
  });
});

describe('the call log', () => {
  test("each call records the last call made before it returned: a handler's own writes are inside it", async () => {
    const sim = new Simulation();
    sim.spawn('app', async (self) => {
      await sim.call(self, 'handler', async () => {
        await sim.call(self, 'write', () => undefined);
        await sim.call(self, 'commit', () => undefined);
      });
      await sim.call(self, 'fetch', () => undefined);
      await sim.call(self, 'handler', () => {
        throw new Error('boom');
      }).catch(() => undefined);
    });
    await sim.run();
    expect(sim.faults.log.map((c) => [c.call, c.end])).toEqual([['handler', 2], ['write', 1], ['commit', 2], ['fetch', 3], ['handler', 4]]);
  });
});

describe('work started without awaiting it', () => {
  test('goes on at the virtual time it started, beside the main line of the process, and nothing counts as stalled', async () => {
    const sim = new Simulation();
    const done: string[] = [];
    sim.spawn('app', async (self) => {
      // Fire and forget: the write takes 20 ms; the commit does not wait for it.
      void sim.call(self, 'write', async () => {
        await sim.sleep(self, 20);
        done.push(`write ${sim.now}`);
      });
      await sim.call(self, 'commit', async () => {
        await sim.sleep(self, 2);
        done.push(`commit ${sim.now}`);
      });
      await sim.sleep(self, 100);
      done.push(`next ${sim.now}`);
    });
    const outcome = await sim.run();
    expect(sim.faults.log.map((c) => `${c.call}@${c.time}`)).toEqual(['write@0', 'commit@0']);
    expect(done).toEqual(['commit 2', 'write 20', 'next 102']);
    expect(outcome).toMatchObject({ reason: 'drained', stalled: [] });
  });
});

/**
 * The object store sinks write to: JSON copies frozen on the way in, whole-object puts with
 * versions, key-ordered listing by prefix, deletes that do not mind a missing key, failing puts
 * on request, and latencies that cost virtual time inside the simulation.
 */
import { describe, expect, test } from 'vitest';
import { ObjectStore, StoreWriteError, type StoreClient } from '../../../../src/engine/kafka/index.ts';
import { makeCluster } from './client-fixtures.ts';

describe('put and get', () => {
  test('stores a JSON copy: changing the object after the put changes nothing stored', async () => {
    const store = new ObjectStore();
    const body = { offsets: [1, 2], at: new Date(0), skipped: undefined };
    await store.put('k', body);
    body.offsets.push(3);
    expect(await store.get('k')).toEqual({ offsets: [1, 2], at: '1970-01-01T00:00:00.000Z' });
  });

  test('what it stores is frozen, deeply', async () => {
    const store = new ObjectStore();
    await store.put('k', { rows: [{ id: 1 }] });
    const stored = (await store.get('k')) as { rows: { id: number }[] };
    expect(Object.isFrozen(stored)).toBe(true);
    expect(() => stored.rows.push({ id: 2 })).toThrow(TypeError);
    expect(() => {
      stored.rows[0]!.id = 9;
    }).toThrow(TypeError);
  });

  test('refuses what is not JSON data: undefined, a function, a cycle', async () => {
    const store = new ObjectStore();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    await expect(store.put('a', undefined)).rejects.toThrow(TypeError);
    await expect(store.put('b', () => 1)).rejects.toThrow(TypeError);
    await expect(store.put('c', cycle)).rejects.toThrow(TypeError);
    expect(store.keys()).toEqual([]);
  });

  test('a put replaces the whole object and bumps its version; get of a missing key is undefined', async () => {
    const store = new ObjectStore();
    expect(await store.put('k', { a: 1 })).toEqual({ key: 'k', version: 1 });
    expect(await store.put('k', { b: 2 })).toEqual({ key: 'k', version: 2 });
    expect(await store.get('k')).toEqual({ b: 2 });
    expect(await store.get('missing')).toBeUndefined();
    expect(store.stats).toEqual({ puts: 2, overwrites: 1, objects: 1 });
  });
});

describe('list and delete', () => {
  test('list gives the keys with a prefix in key order, not write order', async () => {
    const store = new ObjectStore();
    for (const key of ['sink/p1/10', 'sink/p0/5', 'other/x', 'sink/p0/10', 'sink/p0/0']) await store.put(key, 1);
    expect(await store.list('sink/p0/')).toEqual(['sink/p0/0', 'sink/p0/10', 'sink/p0/5']);
    expect(await store.list()).toEqual(['other/x', 'sink/p0/0', 'sink/p0/10', 'sink/p0/5', 'sink/p1/10']);
  });

  test('delete removes the object; deleting a missing key is no error', async () => {
    const store = new ObjectStore();
    await store.put('k', 1);
    await store.delete('k');
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
    expect(await store.list()).toEqual([]);
  });
});

describe('failPuts', () => {
  test('the next put rejects with StoreWriteError and writes nothing; the one after succeeds', async () => {
    const store = new ObjectStore();
    store.failPuts();
    const failed = store.put('k', 1);
    await expect(failed).rejects.toBeInstanceOf(StoreWriteError);
    await expect(store.put('k2', 1)).resolves.toEqual({ key: 'k2', version: 1 });
    expect(store.keys()).toEqual(['k2']);
    expect(store.stats.puts).toBe(2);
  });

  test('{ count, from } fails that many puts from the from-th put of the run', async () => {
    const store = new ObjectStore();
    store.failPuts({ count: 2, from: 2 });
    const outcomes: string[] = [];
    for (let i = 1; i <= 4; i++) {
      outcomes.push(
        await store.put(`k${i}`, i).then(
          () => 'ok',
          () => 'failed',
        ),
      );
    }
    expect(outcomes).toEqual(['ok', 'failed', 'failed', 'ok']);
    expect(store.keys()).toEqual(['k1', 'k4']);
  });
});

describe('latency', () => {
  test('inside an app each call takes its latency in virtual time (default put 20, get/list/delete 5), set with setLatency', async () => {
    const cluster = makeCluster();
    const times: Record<string, number> = {};
    cluster.start('app', async (_kafka: unknown, store: StoreClient) => {
      const time = async (name: string, call: () => Promise<unknown>) => {
        const before = cluster.now;
        await call();
        times[name] = cluster.now - before;
      };
      await time('put', () => store.put('k', 1));
      await time('get', () => store.get('k'));
      await time('list', () => store.list());
      await time('delete', () => store.delete('k'));
      cluster.store.setLatency({ put: 250 });
      await time('slow put', () => store.put('k', 2));
    });
    await cluster.drain();
    expect(times).toEqual({ put: 20, get: 5, list: 5, delete: 5, 'slow put': 250 });
    expect(cluster.store.object('k')!.writtenAt).toBe(20 + 5 + 5 + 5 + 250);
  });

  test('setLatency refuses unknown operations and negative times', () => {
    const store = new ObjectStore();
    expect(() => store.setLatency({ copy: 1 } as never)).toThrow(/unknown operation/);
    expect(() => store.setLatency({ put: -1 })).toThrow(/>= 0/);
  });

  test('a failing put inside an app rejects after its latency, and the app can catch it', async () => {
    const cluster = makeCluster();
    cluster.store.failPuts();
    const outcome: unknown[] = [];
    cluster.start('app', async (_kafka: unknown, store: StoreClient) => {
      try {
        await store.put('k', 1);
      } catch (error) {
        outcome.push((error as Error).name, cluster.now);
      }
    });
    await cluster.drain();
    expect(outcome).toEqual(['StoreWriteError', 20]);
    expect(cluster.store.keys()).toEqual([]);
  });
});

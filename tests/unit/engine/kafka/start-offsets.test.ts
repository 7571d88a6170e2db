/**
 * Where a new owner starts (committed offset, else fromBeginning ? log start : high watermark) and
 * what a handover reads twice ([committed, previous position)) or never.
 */
import { describe, expect, test } from 'vitest';
import { Broker, handover, startOffset, startOffsets } from '../../../../src/engine/kafka/index.ts';

function brokerWith5(): Broker {
  const broker = new Broker();
  broker.createTopic({ topic: 'orders', numPartitions: 2 });
  broker.append('orders', 0, [1, 2, 3, 4, 5].map((n) => ({ value: `v${n}` })));
  return broker;
}

describe('start offsets', () => {
  test('without a commit: the high watermark by default (earlier messages skipped), 0 with fromBeginning', () => {
    const broker = brokerWith5();
    expect(startOffset(broker, 'g', { topic: 'orders', partition: 0 }, false)).toEqual({ topic: 'orders', partition: 0, offset: 5, source: 'high-watermark' });
    expect(startOffset(broker, 'g', { topic: 'orders', partition: 0 }, true)).toEqual({ topic: 'orders', partition: 0, offset: 0, source: 'log-start' });
    expect(startOffset(broker, 'g', { topic: 'orders', partition: 1 }, false).offset).toBe(0); // empty partition
  });

  test('the high watermark is read when the owner resolves it, not fixed earlier', () => {
    const broker = brokerWith5();
    broker.append('orders', 0, [{ value: 'late' }]);
    expect(startOffset(broker, 'g', { topic: 'orders', partition: 0 }, false).offset).toBe(6);
  });

  test('with a commit: the committed offset, whatever fromBeginning says; per group', () => {
    const broker = brokerWith5();
    broker.offsets.commit('g', [{ topic: 'orders', partition: 0, offset: 3 }]);
    for (const fromBeginning of [false, true]) {
      expect(startOffset(broker, 'g', { topic: 'orders', partition: 0 }, fromBeginning)).toEqual({ topic: 'orders', partition: 0, offset: 3, source: 'committed' });
    }
    expect(startOffset(broker, 'other', { topic: 'orders', partition: 0 }, false).offset).toBe(5);
    expect(startOffsets(broker, 'g', [{ topic: 'orders', partition: 1 }, { topic: 'orders', partition: 0 }], true).map((s) => [s.partition, s.offset, s.source])).toEqual([
      [1, 0, 'log-start'],
      [0, 3, 'committed'],
    ]);
  });
});

describe('handover: what the new owner reads again', () => {
  test('re-read = [committed, previous position)', () => {
    const broker = brokerWith5();
    broker.offsets.commit('g', [{ topic: 'orders', partition: 0, offset: 2 }]);
    const [h] = handover(broker, 'g', [{ topic: 'orders', partition: 0, offset: 5 }], false);
    expect(h.start.offset).toBe(2);
    expect(h.reread).toEqual({ from: 2, to: 5 });
    expect(h.skipped).toBeNull();
  });

  test('everything committed: nothing re-read', () => {
    const broker = brokerWith5();
    broker.offsets.commit('g', [{ topic: 'orders', partition: 0, offset: 4 }]);
    const [h] = handover(broker, 'g', [{ topic: 'orders', partition: 0, offset: 4 }], true);
    expect([h.reread, h.skipped]).toEqual([null, null]);
  });

  test('no commit and fromBeginning: everything the previous owner read is re-read', () => {
    const broker = brokerWith5();
    const [h] = handover(broker, 'g', [{ topic: 'orders', partition: 0, offset: 3 }], true);
    expect(h.reread).toEqual({ from: 0, to: 3 });
  });

  test('no commit, default: the new owner starts at the high watermark and skips what was not yet read', () => {
    const broker = brokerWith5();
    const [h] = handover(broker, 'g', [{ topic: 'orders', partition: 0, offset: 3 }], false);
    expect(h.start.source).toBe('high-watermark');
    expect([h.reread, h.skipped]).toEqual([null, { from: 3, to: 5 }]);
  });
});

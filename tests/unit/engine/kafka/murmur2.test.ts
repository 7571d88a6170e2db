/**
 * Kafka's murmur2 must agree with the Java client bit for bit: it decides which partition a key
 * lands on. Vectors come from three independent test suites:
 *   - KafkaJS, src/producer/partitioners/default/murmur2.spec.js (generated with the Java client);
 *   - Apache Kafka, clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java (testMurmur2);
 *   - librdkafka, src/rdmurmur2.c (unittest_murmur2, "java_murmur2_results"), which has the empty key.
 */
import { describe, expect, test } from 'vitest';
import { keyBytes, murmur2, toPositive } from '../../../../src/engine/kafka/index.ts';
import { Random } from '../../../../src/engine/kernel/random.ts';
import { generatedKeys, oracleMurmur2 } from './oracle.ts';

const KAFKAJS: Record<string, number> = {
  '0': 971027396,
  '1': -1993445489,
  '128': -326012175,
  '2187': -1508407203,
  '16384': -325739742,
  '78125': -1654490814,
  '279936': 1462227128,
  '823543': -2014198330,
  '2097152': 607668903,
  '4782969': -1182699775,
  '10000000': -1830336757,
  '19487171': -1603849305,
  '35831808': -857013643,
  '62748517': -1167431028,
  '105413504': -381294639,
  '170859375': -1658323481,
  '100:48069': 1009543857,
};

const KAFKA_UTILS_TEST: Record<string, number> = {
  '21': -973932308,
  foobar: -790332482,
  'a-little-bit-long-string': -985981536,
  'a-little-bit-longer-string': -1486304829,
  lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8: -58897971,
  abc: 479470107,
};

// librdkafka states them as unsigned hex of the Java int.
const LIBRDKAFKA: Record<string, number> = {
  kafka: 0xd067cf64 | 0,
  giberish123456789: 0x8f552b0c | 0,
  '1234': 0x9fc97b14 | 0,
  '234': 0xe7c009ca | 0,
  '34': 0x873930da | 0,
  '4': 0x5a4b5ca1 | 0,
  'PreAmbleWillBeRemoved,ThePrePartThatIs': 0x78424f1c | 0,
  'reAmbleWillBeRemoved,ThePrePartThatIs': 0x4a62b377 | 0,
  'eAmbleWillBeRemoved,ThePrePartThatIs': 0xe0e4e09e | 0,
  'AmbleWillBeRemoved,ThePrePartThatIs': 0x62b8b43f | 0,
  '': 0x106e08d9 | 0,
};

const ALL = { ...KAFKAJS, ...KAFKA_UTILS_TEST, ...LIBRDKAFKA };

describe("murmur2 as Kafka's Java client computes it", () => {
  test.each(Object.entries(KAFKAJS))("KafkaJS's vector %j", (key, expected) => {
    expect(murmur2(key)).toBe(expected);
  });

  test.each(Object.entries(KAFKA_UTILS_TEST))("Kafka UtilsTest's vector %j", (key, expected) => {
    expect(murmur2(key)).toBe(expected);
  });

  test.each(Object.entries(LIBRDKAFKA))("librdkafka's vector %j (every tail length 0 to 3)", (key, expected) => {
    expect(murmur2(key)).toBe(expected);
  });

  test('the empty key hashes to the seed mixed alone (librdkafka: 0x106e08d9), as a string or as no bytes', () => {
    expect(murmur2('')).toBe(0x106e08d9);
    expect(murmur2(new Uint8Array(0))).toBe(0x106e08d9);
  });

  test('bytes and their string hash the same (KafkaJS: Buffer.from("1") -> -1993445489)', () => {
    expect(murmur2(Uint8Array.of(0x31))).toBe(-1993445489);
    expect(murmur2(new TextEncoder().encode('100:48069'))).toBe(1009543857);
  });

  test('results are Java ints: whole numbers in the signed 32-bit range', () => {
    for (const key of Object.keys(ALL)) {
      const h = murmur2(key);
      expect(Number.isInteger(h) && h >= -(2 ** 31) && h < 2 ** 31, key).toBe(true);
    }
  });
});

describe('multi-byte UTF-8 keys', () => {
  test('a string is hashed by its UTF-8 bytes, not by its UTF-16 code units', () => {
    expect([...keyBytes('€')]).toEqual([0xe2, 0x82, 0xac]);
    expect([...keyBytes('😁')]).toEqual([0xf0, 0x9f, 0x98, 0x81]);
    expect(murmur2('€')).toBe(murmur2(Uint8Array.of(0xe2, 0x82, 0xac)));
    expect(murmur2('é')).toBe(murmur2(Uint8Array.of(0xc3, 0xa9)));
    // Latin-1 or UTF-16 bytes would be a different key.
    expect(murmur2('é')).not.toBe(murmur2(Uint8Array.of(0xe9)));
    expect(murmur2('€')).not.toBe(murmur2(Uint8Array.of(0xac, 0x20)));
  });

  test('bytes >= 0x80 count as unsigned (Java masks them with & 0xff): the oracle agrees', () => {
    for (const key of ['é', 'ß€', '天地', '😁', 'naïve café', 'Ünïcödé-Schlüssel-€-天-😁', Uint8Array.of(0xff, 0xfe, 0x80, 0x81, 0x7f)]) {
      expect(murmur2(key)).toBe(oracleMurmur2(key));
    }
  });
});

describe('the test oracle', () => {
  test('agrees with every published vector (so it may judge generated keys)', () => {
    for (const [key, expected] of Object.entries(ALL)) expect(oracleMurmur2(key), key).toBe(expected);
  });
});

describe('murmur2 over generated keys', () => {
  test('agrees with the oracle on 2,000 keys of every tail length, ASCII, multi-byte and raw bytes', () => {
    const random = new Random(2024);
    for (const key of generatedKeys(2000, () => random.next())) expect(murmur2(key)).toBe(oracleMurmur2(key));
  });
});

describe('toPositive', () => {
  test('clears the sign bit, as Utils.toPositive (not Math.abs)', () => {
    expect(toPositive(0)).toBe(0);
    expect(toPositive(5)).toBe(5);
    expect(toPositive(2147483647)).toBe(2147483647);
    expect(toPositive(-1)).toBe(2147483647);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(-1993445489)).toBe(-1993445489 + 2 ** 31);
  });

  test('is always in [0, 2^31) and keeps the low 31 bits', () => {
    const random = new Random(7);
    for (let i = 0; i < 1000; i++) {
      const x = random.int(2 ** 32) | 0;
      const p = toPositive(x);
      expect(p >= 0 && p < 2 ** 31).toBe(true);
      expect((p - x) % 2 ** 31).toBe(0);
    }
  });
});

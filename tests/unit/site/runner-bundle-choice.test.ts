import { describe, expect, test } from 'vitest';
import { bundleFor } from '../../../src/components/runner-bundle-choice.ts';
import { MODULES } from '../../../src/modules/registry.ts';
import { loadExercises } from '../../../src/exercises/load-node.ts';

const bundles = {
  urls: { spark: '/_astro/sai-runner-spark.1.js', kafka: '/_astro/sai-runner-kafka.2.js' },
  bundleOf: Object.fromEntries(MODULES.map((entry) => [entry.name, entry.bundle])),
};

describe('which runner bundle a page loads', () => {
  test("a page's system decides: Kafka modules get the Kafka bundle, Spark ones the Spark bundle", () => {
    expect(bundleFor(['@sai/kafka'], bundles)).toBe(bundles.urls.kafka);
    expect(bundleFor(['@sai/spark'], bundles)).toBe(bundles.urls.spark);
    expect(bundleFor(['@sai/kafka', '@sai/checks', '@sai/kafka-checks'], bundles)).toBe(bundles.urls.kafka);
  });

  test('a page that mixes two systems is refused with a sentence naming both', () => {
    expect(() => bundleFor(['@sai/spark', '@sai/kafka'], bundles)).toThrow(/mixes modules of spark and kafka/);
  });

  test("every lesson's exercises use one system", () => {
    const byLesson = new Map<string, Set<string>>();
    for (const exercise of loadExercises()) {
      const systems = byLesson.get(exercise.lesson) ?? new Set();
      for (const name of exercise.meta.modules) systems.add(bundles.bundleOf[name]!);
      byLesson.set(exercise.lesson, systems);
    }
    expect(byLesson.size).toBeGreaterThan(0);
    for (const [lesson, systems] of byLesson) expect([...systems], lesson).toHaveLength(1);
  });
});

import { describe, expect, test } from 'vitest';
import { inPageOrder, nextStep, type CourseLesson } from '../../../src/course/order.ts';

const lessons: CourseLesson[] = [
  { slug: 'joins', title: 'Joins', exercises: [{ id: 'joins/a', title: 'A' }, { id: 'joins/b', title: 'B' }] },
  { slug: 'kafka', title: 'Kafka', exercises: [{ id: 'kafka/c', title: 'C' }] },
];

describe('course order', () => {
  test('exercises follow the order the lesson names them in; unnamed ones go last', () => {
    const body = 'text <Exercise id="l/b" /> more <Exercise id="l/a" />';
    expect(inPageOrder(body, [{ id: 'l/z' }, { id: 'l/a' }, { id: 'l/b' }]).map((e) => e.id)).toEqual(['l/b', 'l/a', 'l/z']);
  });

  test('after an exercise comes the next one on its page', () => {
    expect(nextStep(lessons, 'joins/a', '/base')).toEqual({ kind: 'exercise', href: '#exercise-b', label: 'Next exercise: B' });
  });

  test("after a lesson's last exercise comes the next lesson", () => {
    expect(nextStep(lessons, 'joins/b', '/base')).toEqual({ kind: 'lesson', href: '/base/kafka/', label: 'Next lesson: Kafka' });
  });

  test('after the last lesson comes the course map', () => {
    expect(nextStep(lessons, 'kafka/c')).toMatchObject({ kind: 'course-map', href: '/#course-map' });
    expect(nextStep(lessons, 'nowhere/x')).toMatchObject({ kind: 'course-map' });
  });
});

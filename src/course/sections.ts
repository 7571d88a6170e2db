/**
 * The newsletter sections the course follows, in order. A section whose lesson has not
 * been published yet is still listed on the course map, marked as coming.
 */
export interface NewsletterSection {
  issue: string;
  section: string;
  /** The lesson slug that will cover it. */
  lesson: string;
  blurb: string;
}

export const SAI_05_SECTIONS: readonly NewsletterSection[] = [
  {
    issue: 'SAI #05',
    section: 'Spark - Distributed Joins',
    lesson: 'distributed-joins',
    blurb: 'Why joins shuffle, when a broadcast wins, and how adaptive execution changes the plan at run time.',
  },
  {
    issue: 'SAI #05',
    section: 'Kafka - At Least/Most Once Processing',
    lesson: 'kafka-delivery',
    blurb: 'Offsets, commits and crashes: how a consumer ends up with duplicates or gaps.',
  },
  {
    issue: 'SAI #05',
    section: 'Static vs. Dynamic Features',
    lesson: 'static-vs-dynamic-features',
    blurb: 'Batch-refreshed features next to ones aggregated from events as they happen.',
  },
  {
    issue: 'SAI #05',
    section: 'Training/Serving Skew',
    lesson: 'training-serving-skew',
    blurb: 'How the same feature drifts apart between training and serving, and how to catch it.',
  },
];

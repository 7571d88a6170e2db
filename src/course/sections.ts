/**
 * The newsletter sections the course follows, in order. A section whose lesson has not
 * been published yet is still listed on the course map, marked as coming.
 */
export interface NewsletterSection {
  issue: string;
  section: string;
  /** The lesson slug that will cover it. */
  lesson: string;
  /** The section's short name in links, e.g. 'joins' for /sai/05/joins (never renamed once published). */
  short: string;
  blurb: string;
}

export const SAI_05_SECTIONS: readonly NewsletterSection[] = [
  {
    issue: 'SAI #05',
    section: 'Spark - Distributed Joins',
    lesson: 'distributed-joins',
    short: 'joins',
    blurb: 'Why joins shuffle, when a broadcast wins, and how adaptive execution changes the plan at run time.',
  },
  {
    issue: 'SAI #05',
    section: 'Kafka - At Least/Most Once Processing',
    lesson: 'kafka-delivery',
    short: 'kafka',
    blurb: 'Offsets, commits and crashes: how a consumer ends up with duplicates or gaps.',
  },
  {
    issue: 'SAI #05',
    section: 'Static vs. Dynamic Features',
    lesson: 'static-vs-dynamic-features',
    short: 'features',
    blurb: 'Batch-refreshed features next to ones aggregated from events as they happen.',
  },
  {
    issue: 'SAI #05',
    section: 'Training/Serving Skew',
    lesson: 'training-serving-skew',
    short: 'skew',
    blurb: 'How the same feature drifts apart between training and serving, and how to catch it.',
  },
];

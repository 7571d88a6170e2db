import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';
import { pageFieldsSchema } from './content/lesson-schema.ts';

// Lessons live in lessons/<slug>/index.mdx (exercise and example files beside them are not pages).
const lessons = docsSchema({ extend: pageFieldsSchema });

export const collections = {
  // Exercise instructions, rendered with the same Markdown pipeline as lessons; id "<lesson>/<exercise>".
  exercises: defineCollection({
    loader: glob({
      base: './lessons',
      pattern: '*/exercises/*/instructions.md',
      generateId: ({ entry }) => entry.replace('/exercises/', '/').replace(/\/instructions\.md$/, ''),
    }),
    schema: z.object({}).strict(),
  }),
  docs: defineCollection({
    loader: glob({ base: './lessons', pattern: '*/index.mdx' }),
    // The lesson's `order` also orders the sidebar, so authors set it once.
    schema: (context) =>
      lessons(context).transform((data) => ({
        ...data,
        sidebar: { ...data.sidebar, order: data.sidebar.order ?? data.order },
      })),
  }),
};

/**
 * Frontmatter every lesson must carry, on top of Starlight's own fields. Kept in one place
 * so the content collection and the unit tests validate with the same rules.
 */
import { z } from 'astro/zod';

export const newsletterSectionSchema = z
  .object({
    /** Newsletter issue the lesson belongs to, e.g. "SAI #05". */
    issue: z.string().regex(/^SAI #\d{2,}$/, 'must look like "SAI #05"'),
    /** The newsletter section title this lesson expands on, exactly as printed. */
    section: z.string().min(3),
  })
  .strict();

export const lessonFieldsSchema = z.object({
  description: z.string().min(20).max(160),
  /** Position in the course; also the sidebar order. */
  order: z.number().int().min(1),
  newsletter: newsletterSectionSchema,
  /** When the lesson went out, e.g. 2026-11-20 (the RSS feed's date). Without it, the feed leaves it out. */
  published: z.coerce.date().optional(),
});

export type LessonFields = z.infer<typeof lessonFieldsSchema>;

/**
 * The same fields as Starlight sees them: pages built in code (the splash home page, 404)
 * share the collection schema but are not lessons, so the lesson fields are required only
 * on `doc` pages, which is what every lesson is.
 */
export const pageFieldsSchema = lessonFieldsSchema
  .partial()
  .extend({ template: z.enum(['doc', 'splash']).default('doc') })
  .superRefine((page, context) => {
    if (page.template !== 'doc') return;
    for (const field of ['description', 'order', 'newsletter'] as const) {
      if (page[field] === undefined) context.addIssue({ code: 'custom', path: [field], message: `Required: every lesson needs "${field}"` });
    }
  });

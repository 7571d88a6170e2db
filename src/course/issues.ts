/**
 * Every newsletter issue the site has an episode page for, oldest first.
 * A new issue is one more entry here (its sections in their own list, like SAI_05_SECTIONS).
 */
import { SAI_05_SECTIONS, type NewsletterSection } from './sections.ts';

export const NEWSLETTER_ISSUES: readonly (readonly NewsletterSection[])[] = [SAI_05_SECTIONS];

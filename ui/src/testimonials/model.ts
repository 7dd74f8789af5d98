// Testimonials as the window words them.
import type { MayQuote, TestimonialTerms } from '../api/bindings';

export const MAY_QUOTE: { value: MayQuote; label: string }[] = [
  { value: 'yes', label: 'Yes, we may quote them' },
  { value: 'notAsked', label: 'Not asked yet' },
  { value: 'no', label: 'No, not to be quoted' },
];

/** The chip on a compliment kept as a testimonial: "Testimonial · may be quoted · takes calls". */
export function testimonialChip(terms: TestimonialTerms): string {
  const quote = terms.mayQuote === 'yes' ? 'may be quoted' : terms.mayQuote === 'no' ? 'not to be quoted' : 'permission not asked';
  return `Testimonial · ${quote}${terms.takesCalls ? ' · takes calls' : ''}`;
}

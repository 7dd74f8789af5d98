import { describe, expect, it } from 'vitest';
import { testimonialChip } from './model';

describe('testimonial chip', () => {
  it('says the permission and the calls', () => {
    expect(testimonialChip({ mayQuote: 'yes', takesCalls: true })).toBe('Testimonial · may be quoted · takes calls');
    expect(testimonialChip({ mayQuote: 'no', takesCalls: false })).toBe('Testimonial · not to be quoted');
    expect(testimonialChip({ mayQuote: 'notAsked', takesCalls: false })).toBe('Testimonial · permission not asked');
  });
});

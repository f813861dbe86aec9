import type { z } from 'zod';

/** One zod issue as a sentence a user can act on: the setting's name and what is wrong with it. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path.map(String).join('.') || 'the state';
  const value = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined), input);
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? `${path} is missing` : `${path} should be ${article(issue.expected)}`;
    case 'too_big':
      return `${path} is above its maximum (${String(issue.maximum)})`;
    case 'too_small':
      return `${path} is below its minimum (${String(issue.minimum)})`;
    case 'unrecognized_keys':
      return `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.slice(0, 3).join(', ')}`;
    case 'invalid_value':
      return `${path} is not one of ${issue.values.slice(0, 6).map(String).join(', ')}`;
    default:
      return `${path} is not a valid value`;
  }
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

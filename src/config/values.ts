import { z } from 'zod';

/**
 * The shapes every environment variable is read as, shared by the service's, the web page's and the staff
 * side's settings, so that "empty" and "true" mean the same in all of them. An empty value (`FOO=` in an
 * .env file) always means "not set": the default, never 0 or false by accident.
 */

export const emptyAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A string, trimmed; empty is unset. */
export const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

/** "true"/"1" or "false"/"0"; empty or unset is `fallback`. */
export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', ''], { error: 'must be "true" or "false"' })
    .default('')
    .transform((s) => (s === '' ? fallback : s === 'true' || s === '1'));

/** A whole number in [min, max]; empty or unset is `fallback`. */
export const wholeNumber = (min: number, max: number, fallback: number) =>
  z.preprocess(emptyAsUnset, z.coerce.number().int().min(min).max(max).default(fallback));

/** A share or probability in [0, 1]; empty or unset is `fallback`. */
export const fraction = (fallback: number) => z.preprocess(emptyAsUnset, z.coerce.number().min(0).max(1).default(fallback));

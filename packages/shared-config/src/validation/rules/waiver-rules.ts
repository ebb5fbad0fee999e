import { at } from '../problem';
import type { ValidationRule } from './rule';

/** Today's date in the local time zone, `YYYY-MM-DD`: the clock the CLI judges waivers on. */
export function localDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const waiverDates: ValidationRule = {
  id: 'waiver-dates',
  description: 'Waiver expiry dates are real calendar dates, not in the past: an expired waiver fails validate as it fails synth.',
  check(config, out, context) {
    const today = context?.today ?? localDate();
    (Array.isArray(config.waivers) ? config.waivers : []).forEach((waiver, i) => {
      const text = waiver?.expires;
      if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return;
      const path = at(at('waivers', i), 'expires');
      const date = new Date(`${text}T00:00:00Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
        out.error(path, `'${text}' is not a calendar date`, 'a date YYYY-MM-DD such as 2027-03-31');
      } else if (text < today) {
        // `expires` is the last day the waiver holds (as in paved check).
        out.error(path, `expired on ${text}`, `fix the finding ${waiver.rule} on ${waiver.resource}, or extend the waiver with a new reason`);
      }
    });
  },
};

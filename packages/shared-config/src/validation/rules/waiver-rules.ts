import { at } from '../problem';
import type { ValidationRule } from './rule';

export const waiverDates: ValidationRule = {
  id: 'waiver-dates',
  description: 'Waiver expiry dates are real calendar dates.',
  check(config, out) {
    (Array.isArray(config.waivers) ? config.waivers : []).forEach((waiver, i) => {
      const text = waiver?.expires;
      if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return;
      const date = new Date(`${text}T00:00:00Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
        out.error(at(at('waivers', i), 'expires'), `'${text}' is not a calendar date`, 'a date YYYY-MM-DD such as 2027-03-31');
      }
    });
  },
};

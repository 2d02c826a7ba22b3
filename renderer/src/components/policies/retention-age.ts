/**
 * The server form's retention age as a number and a unit (minutes, hours, days), to and from the whole
 * minutes a jobs directory stores, so a 6 h or 14 d age reads as it was set.
 */
import { DEFAULT_FILE_AGE_MINUTES, MAX_FILE_AGE_MINUTES } from '../../../../electron/shared/views';

/** The units offered. */
export type AgeUnit = 'm' | 'h' | 'd';

const MINUTES: Record<AgeUnit, number> = { m: 1, h: 60, d: 1440 };

/** The largest unit that states `minutes` exactly (6 h when the server has no age yet). */
export function ageFields(minutes: number | null): { amount: number; unit: AgeUnit } {
  const m = minutes && minutes > 0 ? minutes : DEFAULT_FILE_AGE_MINUTES;
  const unit: AgeUnit = m % 1440 === 0 ? 'd' : m % 60 === 0 ? 'h' : 'm';
  return { amount: m / MINUTES[unit], unit };
}

/** The whole minutes of `amount` `unit`s, or null when that is not a positive whole number of minutes. */
export function ageMinutes(amount: number, unit: AgeUnit): number | null {
  const m = amount * MINUTES[unit];
  return Number.isInteger(m) && m >= 1 && m <= MAX_FILE_AGE_MINUTES ? m : null;
}

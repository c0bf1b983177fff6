/** French formatting of dates, times and amounts, and the date arithmetic the views need. */

const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
const longDay = new Intl.DateTimeFormat("fr-FR", {
  weekday: "long",
  day: "numeric",
  month: "long",
  timeZone: "UTC",
});
const shortDay = new Intl.DateTimeFormat("fr-FR", {
  weekday: "short",
  day: "2-digit",
  month: "2-digit",
  timeZone: "UTC",
});
const numeric = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC" });
const monthName = new Intl.DateTimeFormat("fr-FR", {
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const stamp = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/Paris",
});

function utc(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/** 1234 → « 12,34 € ». */
export function money(cents: number | null | undefined): string {
  return cents == null ? "—" : euros.format(cents / 100);
}

/** "2026-12-07" → « lundi 7 décembre ». */
export function dayLong(isoDate: string): string {
  return longDay.format(utc(isoDate));
}

/** "2026-12-07" → « lun. 07/12 ». */
export function dayShort(isoDate: string): string {
  return shortDay.format(utc(isoDate));
}

/** "2026-12-07" → « 07/12/2026 ». */
export function date(isoDate: string | null | undefined): string {
  return isoDate ? numeric.format(utc(isoDate)) : "—";
}

/** A DateTime → « 6 déc. 2026, 10:42 » (Paris time). */
export function dateTime(iso: string): string {
  return stamp.format(new Date(iso));
}

/** « Délai dépassé » → « délai dépassé »: an API label inside a sentence. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase("fr-FR") + text.slice(1);
}

/** "07:30:00" → « 07:30 ». */
export function time(value: string): string {
  return value.slice(0, 5);
}

/** "2026-12" → « décembre 2026 ». */
export function month(yearMonth: string): string {
  return monthName.format(utc(`${yearMonth}-01`));
}

/** Today in the collectivity's time zone, "YYYY-MM-DD". */
export function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
}

export function addMonths(yearMonth: string, months: number): string {
  const d = utc(`${yearMonth}-01`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 7);
}

export function lastDayOfMonth(yearMonth: string): string {
  const d = utc(`${yearMonth}-01`);
  d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return d.toISOString().slice(0, 10);
}

export const WEEKDAYS = [
  ["MONDAY", "lundi"],
  ["TUESDAY", "mardi"],
  ["WEDNESDAY", "mercredi"],
  ["THURSDAY", "jeudi"],
  ["FRIDAY", "vendredi"],
  ["SATURDAY", "samedi"],
  ["SUNDAY", "dimanche"],
] as const;

export type WeekdayCode = (typeof WEEKDAYS)[number][0];

/** The API's weekday of a date. */
export function weekdayOf(isoDate: string): WeekdayCode {
  const index = (utc(isoDate).getUTCDay() + 6) % 7;
  return WEEKDAYS[index]![0];
}

export function weekdayLabel(code: string): string {
  return WEEKDAYS.find(([c]) => c === code)?.[1] ?? code;
}

/** A fresh idempotency key, so a double click or a retry creates one request only. */
export function idempotencyKey(): string {
  // getRandomValues works outside secure contexts too (randomUUID does not).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

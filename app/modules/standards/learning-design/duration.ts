/**
 * ISO 8601 durations as IMS LD uses them in time-limit and duration properties ("PT30M", "P2D",
 * "P1Y2M3DT4H5M6.5S", "P2W"). Years and months have no fixed length; like most LD players we
 * count a year as 365 days and a month as 30 days.
 */

const DURATION = /^-?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function isDuration(text: string): boolean {
  return durationToMilliseconds(text) !== undefined;
}

/** The length of an ISO 8601 duration in milliseconds, or undefined when the text is not one. */
export function durationToMilliseconds(text: string): number | undefined {
  const trimmed = text.trim();
  const match = DURATION.exec(trimmed);
  if (!match || trimmed === "P" || trimmed.endsWith("T")) return undefined;
  if (match.slice(1).every((part) => part === undefined)) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  const total =
    years * 365 * DAY +
    months * 30 * DAY +
    weeks * 7 * DAY +
    days * DAY +
    hours * HOUR +
    minutes * MINUTE +
    seconds * SECOND;
  return trimmed.startsWith("-") ? -total : total;
}

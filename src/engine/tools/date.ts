/**
 * $dateTool: Yespo's own date API (not VelocityTools' DateTool), as Yespo documents it:
 *
 *   currentDate() / currentDate(fmt) / currentDate(fmt, tz)   "now" as text
 *   currentTimeStamp()                                       "now" in epoch millis (a Long)
 *   formatDate(fmt, unixMillis)                              1495479520000 -> 22.05.2017
 *   formatInContactTimezone(fmt, dateTime)                   a date-time shown in the contact's zone
 *   addYears/addMonths/addDays/addHours/addMinutes(date, n [, inFmt [, outFmt]])
 *   diff(d1, d2, unit) / diff(d1, d2, fmt, unit)             YEARS MONTHS DAYS HOURS MINUTES
 *
 * Patterns are Java SimpleDateFormat patterns. "Now" and the organisation time zone come from
 * the render options (default: the real clock, UTC) so previews and tests are deterministic.
 * A date that cannot be read gives null (the reference prints as written; `$!` prints nothing);
 * a malformed pattern throws IllegalArgumentException as `new SimpleDateFormat(p)` does.
 */
import { NO_METHOD, type HasMethods, type MethodResult } from '../methods.js';
import { asNumber } from '../java.js';
import { intValue, isNumber, toBigInt } from '../numbers.js';
import { JObject, type Value } from '../values.js';
import type { ToolOptions } from './index.js';
import { resolveZone, SimpleDateFormat, utc, wallToInstant, type Zone } from './simple-date-format.js';

/**
 * The output of currentDate() with no pattern. Yespo does not document it. We chose
 * "dd/MM/yyyy HH:mm" because it is the first of the formats the add* and diff methods read by
 * default, so `$dateTool.addDays($dateTool.currentDate(), 1)` and `diff(currentDate(), ...)`
 * work without a pattern, and it is the format of the documented addDays example
 * ("01/01/2020 12:00" -> "16/01/2020 12:00").
 */
export const DEFAULT_CURRENT_DATE_FORMAT = 'dd/MM/yyyy HH:mm';

/** The input formats add* and diff try, in the documented order. */
export const DEFAULT_INPUT_FORMATS = ['dd/MM/yyyy HH:mm', 'dd/MM/yyyy', "yyyy-MM-dd'T'HH:mm", 'yyyy-MM-dd'] as const;

/** The input formats formatInContactTimezone reads (documented). */
export const CONTACT_INPUT_FORMATS = ['dd/MM/yyyy HH:mm:ss', "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss'Z'"] as const;

const UNITS = ['YEARS', 'MONTHS', 'WEEKS', 'DAYS', 'HOURS', 'MINUTES', 'SECONDS'] as const;
type Unit = (typeof UNITS)[number];
const MS: Partial<Record<Unit, number>> = { WEEKS: 604800000, DAYS: 86400000, HOURS: 3600000, MINUTES: 60000, SECONDS: 1000 };
const MAX_MS = 8.64e15;

/** Reads ToolOptions.now: a Date, epoch millis or ISO text. */
export function resolveNow(now: ToolOptions['now']): () => number {
  if (now === undefined) return () => Date.now();
  const t = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  if (!Number.isFinite(t)) throw new RangeError(`invalid "now" for $dateTool: ${String(now)}`);
  return () => t;
}

export class DateTool extends JObject implements HasMethods {
  readonly javaClass = 'yespo.DateTool';
  private readonly now: () => number;
  private readonly zone: Zone;

  constructor(options: ToolOptions = {}) {
    super();
    this.now = resolveNow(options.now);
    this.zone = resolveZone(options.timeZone ?? 'UTC');
  }

  callMethod(name: string, args: Value[]): MethodResult | typeof NO_METHOD {
    const n = args.length;
    switch (name) {
      case 'currentDate': {
        if (n > 2) return NO_METHOD;
        const fmt = n >= 1 ? str(args[0]!) : DEFAULT_CURRENT_DATE_FORMAT;
        const tz = n === 2 ? str(args[1]!) : undefined;
        if (fmt === undefined || (n === 2 && tz === undefined)) return null;
        const zone = tz === undefined ? this.zone : resolveZone(tz);
        return new SimpleDateFormat(fmt).format(this.now(), zone);
      }
      case 'currentTimeStamp':
        return n === 0 ? BigInt(Math.trunc(this.now())) : NO_METHOD;
      case 'formatDate': {
        if (n !== 2) return NO_METHOD;
        const fmt = str(args[0]!);
        if (fmt === undefined) return null;
        const sdf = new SimpleDateFormat(fmt);
        const ms = millis(args[1]!);
        return ms === undefined ? null : sdf.format(ms, this.zone);
      }
      case 'formatInContactTimezone': {
        if (n !== 2) return NO_METHOD;
        const fmt = str(args[0]!);
        if (fmt === undefined) return null;
        const sdf = new SimpleDateFormat(fmt);
        const ms = this.contactInstant(args[1]!);
        // Contacts' own time zones are not part of a render: Yespo falls back to the
        // organisation's zone, and so does this tool.
        return ms === undefined ? null : sdf.format(ms, this.zone);
      }
      case 'addYears':
      case 'addMonths':
      case 'addDays':
      case 'addHours':
      case 'addMinutes':
        return n >= 2 && n <= 4 ? this.add(name, args) : NO_METHOD;
      case 'diff':
        return n === 3 || n === 4 ? this.diff(args) : NO_METHOD;
      default:
        return NO_METHOD;
    }
  }

  /**
   * formatInContactTimezone input: "dd/MM/yyyy HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss" or
   * "yyyy-MM-dd'T'HH:mm:ss'Z'", read as UTC (the 'Z' form says so; Yespo keeps date-times in
   * UTC), or epoch millis.
   */
  private contactInstant(v: Value): number | undefined {
    if (isNumber(v)) return millis(v);
    const text = str(v);
    if (text === undefined) return undefined;
    const gmt = resolveZone('UTC');
    for (const f of CONTACT_INPUT_FORMATS) {
      const t = new SimpleDateFormat(f).parse(text, gmt, true);
      if (t !== undefined) return t;
    }
    return undefined;
  }

  /** Reads a date with a given pattern, or with the first default format that reads it all. */
  private read(text: string, fmt: string | undefined): { wall: number; fmt: string } | undefined {
    // Dates without a zone are wall-clock times: they are computed on as UTC wall time so
    // that adding days never shifts the hour across a daylight-saving change.
    const gmt = resolveZone('UTC');
    if (fmt !== undefined) {
      const sdf = new SimpleDateFormat(fmt);
      const t = hasZoneField(fmt) ? sdf.parse(text, this.zone) : sdf.parse(text, gmt);
      if (t === undefined) return undefined;
      return { wall: hasZoneField(fmt) ? t + this.zone.offsetAt(t) : t, fmt };
    }
    for (const f of DEFAULT_INPUT_FORMATS) {
      const t = new SimpleDateFormat(f).parse(text, gmt, true);
      if (t !== undefined) return { wall: t, fmt: f };
    }
    return undefined;
  }

  private write(wall: number, fmt: string): string {
    if (!hasZoneField(fmt)) return new SimpleDateFormat(fmt).format(wall, resolveZone('UTC'));
    return new SimpleDateFormat(fmt).format(wallToInstant(wall, this.zone), this.zone);
  }

  /** add*(date, n [, inFmt [, outFmt]]): n may be negative; the output keeps the input format. */
  private add(name: string, args: Value[]): Value {
    const text = str(args[0]!);
    const amount = int(args[1]!);
    const inFmt = args.length >= 3 ? str(args[2]!) : undefined;
    const outFmt = args.length === 4 ? str(args[3]!) : undefined;
    if (amount === undefined || text === undefined) return null;
    if ((args.length >= 3 && inFmt === undefined) || (args.length === 4 && outFmt === undefined)) return null;
    if (inFmt !== undefined) new SimpleDateFormat(inFmt); // a bad pattern throws even for a bad date
    if (outFmt !== undefined) new SimpleDateFormat(outFmt);
    const r = this.read(text, inFmt);
    if (!r) return null;
    let wall: number;
    const d = new Date(r.wall);
    const [y, mo, day, h, mi, s, ms] = [
      d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds(),
    ];
    if (name === 'addYears' || name === 'addMonths') {
      // Calendar.add(YEAR|MONTH) keeps the day of month, pinned to the new month's length
      const total = y * 12 + mo + amount * (name === 'addYears' ? 12 : 1);
      const ny = Math.floor(total / 12);
      const nm = total - ny * 12;
      const last = new Date(utc(ny, nm + 1, 0)).getUTCDate();
      wall = utc(ny, nm, Math.min(day, last), h, mi, s, ms);
    } else if (name === 'addDays') {
      wall = utc(y, mo, day + amount, h, mi, s, ms);
    } else {
      wall = r.wall + amount * (name === 'addHours' ? 3600000 : 60000);
    }
    if (!Number.isFinite(wall) || Math.abs(wall) > MAX_MS) return null;
    return this.write(wall, outFmt ?? r.fmt);
  }

  /**
   * diff(d1, d2 [, fmt], unit): the whole number of units between the two dates, as a Long.
   * Both documented examples are positive whichever date is later, so it is the absolute
   * difference. Years and months count complete calendar periods (ChronoUnit.between).
   */
  private diff(args: Value[]): Value {
    const a = str(args[0]!);
    const b = str(args[1]!);
    const fmt = args.length === 4 ? str(args[2]!) : undefined;
    const unitText = str(args[args.length - 1]!);
    if ((args.length === 4 && fmt === undefined) || unitText === undefined) return null;
    const unit = unitText.toUpperCase() as Unit;
    if (!UNITS.includes(unit)) return null;
    if (a === undefined || b === undefined) return null;
    const ra = this.read(a, fmt);
    if (!ra) return null;
    const rb = this.read(b, ra.fmt);
    if (!rb) return null;
    const lo = Math.min(ra.wall, rb.wall);
    const hi = Math.max(ra.wall, rb.wall);
    const step = MS[unit];
    if (step !== undefined) return BigInt(Math.floor((hi - lo) / step));
    const x = new Date(lo);
    const z = new Date(hi);
    let months = (z.getUTCFullYear() - x.getUTCFullYear()) * 12 + (z.getUTCMonth() - x.getUTCMonth());
    // the last month is complete only if the later date's day and time reach the earlier one's
    const restX = lo - utc(x.getUTCFullYear(), x.getUTCMonth(), 1);
    const restZ = hi - utc(z.getUTCFullYear(), z.getUTCMonth(), 1);
    if (months > 0 && restZ < restX) months--;
    return BigInt(unit === 'YEARS' ? Math.floor(months / 12) : months);
  }
}

function hasZoneField(fmt: string): boolean {
  return /[zZX]/.test(fmt.replace(/'[^']*'/g, ''));
}

/** A String parameter: Velocity passes a String as it is (other values do not match). */
function str(v: Value): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** An int parameter: numbers, and numeric strings as Velocity converts them. */
function int(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (isNumber(v)) return intValue(v);
  if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) {
    const n = Number(v.trim());
    return n >= -2147483648 && n <= 2147483647 ? n : undefined;
  }
  return undefined;
}

/** Epoch millis from a number or a numeric string such as "1495479520000". */
function millis(v: Value): number | undefined {
  if (v === null) return undefined;
  const n = isNumber(v) ? v : typeof v === 'string' ? asNumber(v.trim()) : undefined;
  if (n === undefined) return undefined;
  const t = Number(toBigInt(n));
  return Math.abs(t) <= MAX_MS ? t : undefined;
}


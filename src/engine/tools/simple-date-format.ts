/**
 * java.text.SimpleDateFormat (Locale en_US, Gregorian calendar) for the pattern letters email
 * templates use: G y Y M L d D E u a H k K h m s S z Z X, quoted text ('...') and '' for a quote.
 * Parsing is lenient like Java's default: numbers may overflow into the next field (32/01/2020 is
 * 1 February), a numeric field takes all its digits unless the next pattern field abuts it, text
 * after the pattern is ignored. Time zones follow java.util.TimeZone.getTimeZone: IANA names,
 * "UTC"/"GMT", custom "GMT+3" / "GMT+03:00"; an unknown id is GMT.
 */
import { JavaException } from '../methods.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MAX_MS = 8.64e15;

// ---------------------------------------------------------------- time zones

export interface Zone {
  /** TimeZone.getID(). */
  readonly id: string;
  /** Offset from UTC in milliseconds at an instant. */
  offsetAt(utcMs: number): number;
  /** The `z` text: short (z, zz, zzz) or long (zzzz) name at an instant. */
  name(utcMs: number, long: boolean): string;
}

function gmtName(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const m = Math.abs(Math.round(offsetMs / 60000));
  return `GMT${sign}${pad(Math.floor(m / 60), 2)}:${pad(m % 60, 2)}`;
}

class FixedZone implements Zone {
  constructor(
    readonly id: string,
    readonly offset: number,
    private readonly short: string = id,
    private readonly long: string = id,
  ) {}
  offsetAt(): number {
    return this.offset;
  }
  name(_ms: number, long: boolean): string {
    return long ? this.long : this.short;
  }
}

class IanaZone implements Zone {
  private readonly fmt: Intl.DateTimeFormat;
  constructor(readonly id: string) {
    this.fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  }
  /** Offsets by quarter hour: since 1980 every zone changes offset only on quarter-hour marks. */
  private readonly offsets = new Map<number, number>();

  offsetAt(utcMs: number): number {
    if (utcMs >= 315_532_800_000) {
      const key = Math.floor(utcMs / 900_000);
      let off = this.offsets.get(key);
      if (off === undefined) {
        off = this.computeOffset(utcMs);
        if (this.offsets.size > 4096) this.offsets.clear();
        this.offsets.set(key, off);
      }
      return off;
    }
    return this.computeOffset(utcMs);
  }

  private computeOffset(utcMs: number): number {
    const ms = Math.floor(utcMs / 1000) * 1000;
    const p: Record<string, string> = {};
    for (const part of this.fmt.formatToParts(new Date(ms))) p[part.type] = part.value;
    let year = Number(p['year']);
    if (p['era'] === 'BC' || p['era'] === 'B') year = 1 - year;
    return utc(year, Number(p['month']) - 1, Number(p['day']), Number(p['hour']), Number(p['minute']), Number(p['second'])) - ms;
  }
  private names?: Intl.DateTimeFormat[];
  /** Java's names (from CLDR): en-US's abbreviation, else en-GB's (EET, CET), else GMT+hh:mm. */
  name(utcMs: number, long: boolean): string {
    this.names ??= ['en-US', 'en-GB'].flatMap((l) =>
      (['short', 'long'] as const).map((n) => new Intl.DateTimeFormat(l, { timeZone: this.id, timeZoneName: n })),
    );
    const tries = long ? [this.names[1]!] : [this.names[0]!, this.names[2]!];
    for (const f of tries) {
      const n = f.formatToParts(new Date(utcMs)).find((x) => x.type === 'timeZoneName')?.value;
      if (n && !/^GMT[+-]/.test(n)) return n;
    }
    return gmtName(this.offsetAt(utcMs));
  }
}

const GMT = new FixedZone('GMT', 0, 'GMT', 'Greenwich Mean Time');
const zoneCache = new Map<string, Zone>();

/** TimeZone.getTimeZone(id): IANA names, UTC/GMT, "GMT+3", "GMT-03:30"; anything else is GMT. */
export function resolveZone(id: string): Zone {
  const hit = zoneCache.get(id);
  if (hit) return hit;
  let zone: Zone = GMT;
  const custom = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(id);
  if (id === 'UTC') zone = new FixedZone('UTC', 0, 'UTC', 'Coordinated Universal Time');
  else if (id === 'GMT') zone = GMT;
  else if (custom) {
    const h = Number(custom[2]);
    const m = Number(custom[3] ?? '0');
    if (h <= 23 && m <= 59) {
      const off = (custom[1] === '-' ? -1 : 1) * (h * 60 + m) * 60000;
      const norm = off === 0 ? 'GMT' : gmtName(off);
      zone = new FixedZone(norm, off, norm, norm);
    }
  } else if (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(id) && id.length <= 64) {
    try {
      zone = new IanaZone(id);
    } catch {
      zone = GMT;
    }
  }
  if (zoneCache.size < 256) zoneCache.set(id, zone);
  return zone;
}

/** Wall-clock time (as UTC millis) to the instant, for a zone. */
export function wallToInstant(wall: number, zone: Zone): number {
  let t = wall - zone.offsetAt(wall);
  const off = zone.offsetAt(t);
  t = wall - off;
  return t;
}

// ---------------------------------------------------------------- pattern

type Token = { kind: 'lit'; text: string } | { kind: 'field'; ch: string; count: number };

const LETTERS = 'GyYMLdDEuaHkKhmsSzZXwWF';

/** Epoch millis of a UTC wall time (years 0-99 are not moved to the 1900s as in Date.UTC). */
export function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const x = new Date(0);
  x.setUTCFullYear(y, mo, d);
  x.setUTCHours(h, mi, s, ms);
  return x.getTime();
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

export class SimpleDateFormat {
  private readonly tokens: Token[] = [];

  constructor(readonly pattern: string) {
    let lit = '';
    const flush = () => {
      if (lit) this.tokens.push({ kind: 'lit', text: lit });
      lit = '';
    };
    for (let i = 0; i < pattern.length; ) {
      const c = pattern[i]!;
      if (c === "'") {
        if (pattern[i + 1] === "'") {
          lit += "'";
          i += 2;
          continue;
        }
        const end = findQuoteEnd(pattern, i + 1);
        if (end < 0) throw new JavaException('java.lang.IllegalArgumentException', 'Unterminated quote');
        lit += pattern.slice(i + 1, end).replace(/''/g, "'");
        i = end + 1;
        continue;
      }
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        if (!LETTERS.includes(c)) {
          throw new JavaException('java.lang.IllegalArgumentException', `Illegal pattern character '${c}'`);
        }
        flush();
        let j = i;
        while (pattern[j] === c) j++;
        this.tokens.push({ kind: 'field', ch: c, count: j - i });
        i = j;
        continue;
      }
      lit += c;
      i++;
    }
    flush();
  }

  /** format(Date) in a zone. */
  format(utcMs: number, zone: Zone): string {
    const off = zone.offsetAt(utcMs);
    const w = new Date(utcMs + off);
    const year = w.getUTCFullYear();
    let out = '';
    for (const t of this.tokens) {
      if (t.kind === 'lit') {
        out += t.text;
        continue;
      }
      const n = t.count;
      const yearOfEra = year <= 0 ? 1 - year : year;
      switch (t.ch) {
        case 'G':
          out += year <= 0 ? 'BC' : 'AD';
          break;
        case 'y':
        case 'Y':
          out += n === 2 ? pad(yearOfEra % 100, 2) : pad(yearOfEra, n);
          break;
        case 'M':
        case 'L': {
          const m = w.getUTCMonth();
          out += n >= 4 ? MONTHS[m]! : n === 3 ? MONTHS[m]!.slice(0, 3) : pad(m + 1, n);
          break;
        }
        case 'd':
          out += pad(w.getUTCDate(), n);
          break;
        case 'D':
          out += pad(Math.floor((utc(year, w.getUTCMonth(), w.getUTCDate()) - utc(year, 0, 1)) / 86400000) + 1, n);
          break;
        case 'F':
          out += pad(Math.floor((w.getUTCDate() - 1) / 7) + 1, n);
          break;
        case 'E':
          out += n >= 4 ? DAYS[w.getUTCDay()]! : DAYS[w.getUTCDay()]!.slice(0, 3);
          break;
        case 'u':
          out += pad(w.getUTCDay() === 0 ? 7 : w.getUTCDay(), n);
          break;
        case 'w':
        case 'W':
          out += pad(t.ch === 'w' ? weekOfYear(w) : weekOfMonth(w), n);
          break;
        case 'a':
          out += w.getUTCHours() < 12 ? 'AM' : 'PM';
          break;
        case 'H':
          out += pad(w.getUTCHours(), n);
          break;
        case 'k':
          out += pad(w.getUTCHours() === 0 ? 24 : w.getUTCHours(), n);
          break;
        case 'K':
          out += pad(w.getUTCHours() % 12, n);
          break;
        case 'h':
          out += pad(w.getUTCHours() % 12 === 0 ? 12 : w.getUTCHours() % 12, n);
          break;
        case 'm':
          out += pad(w.getUTCMinutes(), n);
          break;
        case 's':
          out += pad(w.getUTCSeconds(), n);
          break;
        case 'S':
          out += pad(w.getUTCMilliseconds(), n);
          break;
        case 'z':
          out += zone.name(utcMs, n >= 4);
          break;
        case 'Z': {
          const m = Math.round(off / 60000);
          out += (m < 0 ? '-' : '+') + pad(Math.floor(Math.abs(m) / 60), 2) + pad(Math.abs(m) % 60, 2);
          break;
        }
        case 'X': {
          const m = Math.round(off / 60000);
          if (n > 3) throw new JavaException('java.lang.IllegalArgumentException', 'invalid ISO 8601 format: length=' + n);
          if (m === 0) out += 'Z';
          else {
            const hh = pad(Math.floor(Math.abs(m) / 60), 2);
            const mm = pad(Math.abs(m) % 60, 2);
            out += (m < 0 ? '-' : '+') + hh + (n === 1 ? '' : n === 2 ? mm : ':' + mm);
          }
          break;
        }
      }
    }
    return out;
  }

  /**
   * parse(String) in a zone: the instant, or undefined where Java throws ParseException.
   * `full` also requires the whole text to be used (Java ignores what follows).
   */
  parse(text: string, zone: Zone, full = false): number | undefined {
    let pos = 0;
    let year = 1970;
    let month = 0;
    let day = 1;
    let hour = 0;
    let hour12: number | undefined;
    let pm: boolean | undefined;
    let minute = 0;
    let second = 0;
    let milli = 0;
    let dayOfYear: number | undefined;
    let offset: number | undefined;
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      if (t.kind === 'lit') {
        if (!text.startsWith(t.text, pos)) return undefined;
        pos += t.text.length;
        continue;
      }
      // Java skips spaces and tabs before a field
      while (text[pos] === ' ' || text[pos] === '\t') pos++;
      const next = this.tokens[i + 1];
      const abutting = next !== undefined && next.kind === 'field' && isNumericField(next);
      const readNumber = (): number | undefined => {
        const limit = abutting ? t.count : Infinity;
        const m = /^-?\d+/.exec(text.slice(pos, pos + Math.min(limit + 1, 20)));
        if (!m) return undefined;
        let s = m[0];
        if (/^\d/.test(s) && s.length > limit) s = s.slice(0, limit);
        pos += s.length;
        return Number(s);
      };
      switch (t.ch) {
        case 'y':
        case 'Y': {
          const start = pos;
          const v = readNumber();
          if (v === undefined) return undefined;
          const digits = text.slice(start, pos);
          if (t.count <= 2 && /^\d{2}$/.test(digits)) year = twoDigitYear(v);
          else year = v;
          break;
        }
        case 'M':
        case 'L':
          if (t.count >= 3) {
            const m = matchName(text, pos, MONTHS);
            if (!m) return undefined;
            month = m.index;
            pos = m.end;
          } else {
            const v = readNumber();
            if (v === undefined) return undefined;
            month = v - 1;
          }
          break;
        case 'E': {
          const m = matchName(text, pos, DAYS);
          if (!m) return undefined;
          pos = m.end;
          break;
        }
        case 'a': {
          const m = matchName(text, pos, ['AM', 'PM']);
          if (!m) return undefined;
          pm = m.index === 1;
          pos = m.end;
          break;
        }
        case 'G': {
          const m = matchName(text, pos, ['BC', 'AD']);
          if (!m) return undefined;
          pos = m.end;
          break;
        }
        case 'z':
        case 'Z':
        case 'X': {
          const o = parseOffset(text, pos);
          if (!o) return undefined;
          offset = o.offset;
          pos = o.end;
          break;
        }
        default: {
          const v = readNumber();
          if (v === undefined) return undefined;
          switch (t.ch) {
            case 'd':
              day = v;
              break;
            case 'D':
              dayOfYear = v;
              break;
            case 'H':
              hour = v;
              hour12 = undefined;
              break;
            case 'k':
              hour = v === 24 ? 0 : v;
              hour12 = undefined;
              break;
            case 'K':
              hour12 = v;
              break;
            case 'h':
              hour12 = v === 12 ? 0 : v;
              break;
            case 'm':
              minute = v;
              break;
            case 's':
              second = v;
              break;
            case 'S':
              milli = v;
              break;
            default:
              break; // u, F, w, W: read and ignored
          }
        }
      }
    }
    if (pos === 0 || (full && pos !== text.length)) return undefined;
    if (hour12 !== undefined) hour = hour12 + (pm ? 12 : 0);
    else if (pm !== undefined && hour < 12 && pm) hour += 12;
    const wall = dayOfYear !== undefined ? utc(year, 0, dayOfYear, hour, minute, second, milli) : utc(year, month, day, hour, minute, second, milli);
    if (!Number.isFinite(wall) || Math.abs(wall) > MAX_MS) return undefined;
    return offset !== undefined ? wall - offset : wallToInstant(wall, zone);
  }
}

function findQuoteEnd(p: string, from: number): number {
  for (let i = from; i < p.length; i++) {
    if (p[i] === "'") {
      if (p[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

function isNumericField(t: { ch: string; count: number }): boolean {
  if ('yYdDHkKhmsSuFwW'.includes(t.ch)) return true;
  return (t.ch === 'M' || t.ch === 'L') && t.count <= 2;
}

/** A two-digit year falls within 80 years before and 20 years after the present, as in Java. */
let centuryStart = new Date().getUTCFullYear() - 80;
export function setDefaultCenturyStart(year: number): void {
  centuryStart = year;
}
function twoDigitYear(v: number): number {
  const base = Math.floor(centuryStart / 100) * 100;
  let y = base + v;
  if (y < centuryStart) y += 100;
  return y;
}

/** Longest case-insensitive match of a full or three-letter name. */
function matchName(text: string, pos: number, names: string[]): { index: number; end: number } | undefined {
  let best: { index: number; end: number } | undefined;
  const rest = text.slice(pos, pos + 16).toLowerCase();
  names.forEach((n, index) => {
    for (const cand of [n, n.slice(0, 3)]) {
      if (rest.startsWith(cand.toLowerCase()) && (!best || pos + cand.length > best.end)) best = { index, end: pos + cand.length };
    }
  });
  return best;
}

function parseOffset(text: string, pos: number): { offset: number; end: number } | undefined {
  if (text[pos] === 'Z') return { offset: 0, end: pos + 1 };
  const m = /^(?:GMT|UTC)?([+-])(\d{2}):?(\d{2})?/.exec(text.slice(pos, pos + 12));
  if (m) {
    const off = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? '0')) * 60000;
    return { offset: off, end: pos + m[0].length };
  }
  const name = /^(?:UTC|GMT)/.exec(text.slice(pos));
  if (name) return { offset: 0, end: pos + name[0].length };
  return undefined;
}

function weekOfYear(w: Date): number {
  // en_US: weeks start on Sunday and week 1 is the week holding 1 January
  const y = w.getUTCFullYear();
  const sunday = w.getTime() - w.getUTCDay() * 86400000;
  if (utc(y + 1, 0, 1) - sunday < 7 * 86400000) return 1;
  const jan1 = utc(y, 0, 1);
  const jan1Day = new Date(jan1).getUTCDay();
  return Math.floor((Math.floor((w.getTime() - jan1) / 86400000) + jan1Day) / 7) + 1;
}

function weekOfMonth(w: Date): number {
  const first = new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), 1)).getUTCDay();
  return Math.floor((w.getUTCDate() - 1 + first) / 7) + 1;
}

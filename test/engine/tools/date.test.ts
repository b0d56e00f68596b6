import { describe, expect, it } from 'vitest';
import { render } from '../../../src/engine/index.js';
import { NO_METHOD } from '../../../src/engine/methods.js';
import { DateTool } from '../../../src/engine/tools/date.js';
import { resolveZone, SimpleDateFormat } from '../../../src/engine/tools/simple-date-format.js';

// 15 March 2026, 09:30 UTC (11:30 in Kyiv)
const NOW = '2026-03-15T09:30:00Z';
const r = (template: string, json = '{}', timeZone?: string, now: string | number = NOW) =>
  render(template, json, { tools: true, now, timeZone }).output;

describe('$dateTool: documented examples', () => {
  it('currentDate() with the default pattern, in the organisation time zone', () => {
    expect(r('$!dateTool.currentDate()')).toBe('15/03/2026 09:30');
    expect(r('$!dateTool.currentDate()', '{}', 'Europe/Kyiv')).toBe('15/03/2026 11:30');
  });

  it("currentDate('dd.MM.yyyy HH:mm:ss','GMT+3')", () => {
    expect(r("$!dateTool.currentDate('dd.MM.yyyy HH:mm:ss','GMT+3')")).toBe('15.03.2026 12:30:00');
    expect(r("$dateTool.currentDate('yyyy-MM-dd')")).toBe('2026-03-15');
  });

  it('currentTimeStamp() in milliseconds', () => {
    expect(r('$!dateTool.currentTimeStamp()')).toBe('1773567000000');
    expect(new DateTool({ now: 5 }).callMethod('currentTimeStamp', [])).toBe(5n);
  });

  it("formatDate('dd.MM.yyyy', 1495479520000)", () => {
    expect(r("$!dateTool.formatDate('dd.MM.yyyy', $!data.get('date'))", '{"date": 1495479520000}')).toBe('22.05.2017');
    expect(r("$dateTool.formatDate('dd.MM.yyyy HH:mm', $d)", '{"d": "1495479520000"}', 'Europe/Kyiv')).toBe('22.05.2017 21:58');
  });

  it('formatInContactTimezone reads its three documented formats', () => {
    const t = "$!dateTool.formatInContactTimezone('dd.MM.yyyy HH:mm', $dt)";
    expect(r(t, '{"dt": "2020-05-01T22:30:00Z"}', 'Europe/Kyiv')).toBe('02.05.2020 01:30');
    expect(r(t, '{"dt": "2020-05-01T22:30:00"}', 'Europe/Kyiv')).toBe('02.05.2020 01:30');
    expect(r(t, '{"dt": "01/05/2020 22:30:00"}')).toBe('01.05.2020 22:30');
    expect(r("$!dateTool.formatInContactTimezone('dd.MM.yyyy', $!data.get('dt'))", '{"dt": "2020-05-01T10:00:00"}')).toBe('01.05.2020');
    expect(r(`[${t}]`, '{"dt": "2020-05-01"}')).toBe('[]');
  });

  it('addDays("01/01/2020 12:00", 15) keeps the input format', () => {
    expect(r("$!dateTool.addDays($!data.get('date'), 15)", '{"date": "01/01/2020 12:00"}')).toBe('16/01/2020 12:00');
  });

  it("addYears with a custom input format 'HH:mm yyyy-dd-MM'", () => {
    expect(r("$!dateTool.addYears($!data.get('customDate'), 2, 'HH:mm yyyy-dd-MM')", '{"customDate": "12:30 2020-15-06"}')).toBe('12:30 2022-15-06');
  });

  it("addDays with input and output formats gives 03-05-2020", () => {
    expect(r(`$!dateTool.addDays($!data.get('dateTime'), 2, "yyyy-MM-dd'T'HH:mm", 'dd-MM-yyyy')`, '{"dateTime": "2020-05-01T10:00"}')).toBe('03-05-2020');
  });

  it("diff(01/01/2019, 05/05/2020, 'DAYS') is 490, in either order", () => {
    const json = '{"firstDate": "01/01/2019", "secondDate": "05/05/2020"}';
    expect(r("$!dateTool.diff($!firstDate, $!secondDate, 'DAYS')", json)).toBe('490');
    expect(r("$!dateTool.diff($!secondDate, $!firstDate, 'DAYS')", json)).toBe('490');
  });

  it("diff with a pattern, in MINUTES", () => {
    expect(r("$!dateTool.diff($!d1, $!d2, 'HH:mm dd/MM/yyyy', 'MINUTES')", '{"d1": "10:00 01/01/2020", "d2": "12:30 02/01/2020"}')).toBe('1590');
  });
});

describe('$dateTool: the rest of the API', () => {
  it('reads every default input format', () => {
    expect(r("$dateTool.addDays('31/12/2020', 1)")).toBe('01/01/2021');
    expect(r("$dateTool.addDays('2020-12-31', 1)")).toBe('2021-01-01');
    expect(r("$dateTool.addHours('2020-12-31T23:30', 1)")).toBe('2021-01-01T00:30');
    expect(r("$dateTool.addMinutes('01/01/2020 00:10', -20)")).toBe('31/12/2019 23:50');
  });

  it('adds years and months pinned to the month length, negative amounts subtract', () => {
    expect(r("$dateTool.addMonths('31/01/2020', 1) $dateTool.addYears('2020-02-29', 1) $dateTool.addMonths('2020-03-31', -1) $dateTool.addYears('2020-01-01', -21)")).toBe(
      '29/02/2020 2021-02-28 2020-02-29 1999-01-01',
    );
    expect(r("$dateTool.addDays('2020-01-01', '10')")).toBe('2020-01-11');
  });

  it('adds days on the wall clock across daylight-saving changes', () => {
    expect(r("$dateTool.addDays('28/03/2026 12:00', 1)", '{}', 'Europe/Kyiv')).toBe('29/03/2026 12:00');
    expect(r("$dateTool.addDays('2026-03-28', 1, 'yyyy-MM-dd', 'dd.MM.yyyy')", '{}', 'Europe/Kyiv')).toBe('29.03.2026');
  });

  it('diff in every unit', () => {
    const d = (a: string, b: string, u: string) => r(`$dateTool.diff('${a}', '${b}', '${u}')`);
    expect(d('15/03/2019', '14/03/2026', 'YEARS')).toBe('6');
    expect(d('15/03/2019', '15/03/2026', 'YEARS')).toBe('7');
    expect(d('31/01/2020', '29/02/2020', 'MONTHS')).toBe('0');
    expect(d('31/01/2020', '31/03/2020', 'MONTHS')).toBe('2');
    expect(d('01/01/2020 10:00', '01/01/2020 12:59', 'HOURS')).toBe('2');
    expect(d('2020-01-01', '2020-01-02', 'minutes')).toBe('1440');
    expect(r("[$dateTool.diff('2020-01-01', '01/02/2020', 'DAYS')] [$dateTool.diff('2020-01-01', '2020-01-02', 'AGES')]")).toBe(
      "[$dateTool.diff('2020-01-01', '01/02/2020', 'DAYS')] [$dateTool.diff('2020-01-01', '2020-01-02', 'AGES')]",
    );
  });

  it('diff returns a number usable in conditions', () => {
    expect(r("#set($n = $dateTool.diff('2026-03-15', '2026-03-18', 'DAYS'))#if($n == 3)three#end #if($n > 1)days#end")).toBe('three days');
  });

  it('gives null for dates it cannot read', () => {
    expect(r("[$dateTool.addDays('bad', 1)] [$!dateTool.addDays($missing, 1)] [$dateTool.formatDate('dd.MM.yyyy', 'x')] [$dateTool.addDays('2020-01-01', 'x')]")).toBe(
      "[$dateTool.addDays('bad', 1)] [] [$dateTool.formatDate('dd.MM.yyyy', 'x')] [$dateTool.addDays('2020-01-01', 'x')]",
    );
    expect(r("[$dateTool.addDays('01/01/2020 12:00 extra', 1)]")).toBe("[$dateTool.addDays('01/01/2020 12:00 extra', 1)]");
  });

  it('parses leniently with an explicit pattern, as SimpleDateFormat does', () => {
    expect(r("$dateTool.addDays('32/01/2020', 0, 'dd/MM/yyyy')")).toBe('01/02/2020');
    expect(r("$dateTool.addDays('1/2/2020', 0, 'dd/MM/yyyy')")).toBe('01/02/2020');
    expect(r("$dateTool.addDays('20200131', 1, 'yyyyMMdd')")).toBe('20200201');
    expect(r("$dateTool.addDays('01/02/20', 0, 'dd/MM/yy', 'yyyy')")).toBe('2020');
  });

  it('throws for a malformed pattern (a render error)', () => {
    expect(() => r("$dateTool.currentDate('yyyy-MM-dd Q')")).toThrow(/Illegal pattern character 'Q'/);
    expect(() => r("$dateTool.currentDate(\"'unterminated\")")).toThrow(/Unterminated quote/);
  });

  it('finds no method for wrong arities', () => {
    const t = new DateTool({ now: 0 });
    expect(t.callMethod('currentDate', ['a', 'b', 'c'])).toBe(NO_METHOD);
    expect(t.callMethod('addDays', ['2020-01-01'])).toBe(NO_METHOD);
    expect(t.callMethod('diff', ['a', 'b'])).toBe(NO_METHOD);
    expect(t.callMethod('getClass', [])).toBe(NO_METHOD);
  });

  it('uses the real clock when no "now" is given', () => {
    const before = Date.now();
    const v = new DateTool().callMethod('currentTimeStamp', []) as bigint;
    expect(Number(v)).toBeGreaterThanOrEqual(before);
    expect(Number(v)).toBeLessThanOrEqual(Date.now());
  });
});

describe('SimpleDateFormat', () => {
  const utc = resolveZone('UTC');
  const t = Date.UTC(2026, 2, 5, 14, 7, 9, 45);

  it('formats the common letters', () => {
    const f = (p: string, z = utc) => new SimpleDateFormat(p).format(t, z);
    expect(f('yyyy yy y MMMM MMM MM M dd d')).toBe('2026 26 2026 March Mar 03 3 05 5');
    expect(f('EEEE EEE HH H hh h a mm ss SSS S')).toBe('Thursday Thu 14 14 02 2 PM 07 09 045 45');
    expect(f("'at' HH 'o''clock' ''")).toBe("at 14 o'clock '");
    expect(f('z zzzz Z X XX XXX')).toBe('UTC Coordinated Universal Time +0000 Z Z Z');
    expect(f('z Z XXX', resolveZone('GMT+3'))).toBe('GMT+03:00 +0300 +03:00');
    expect(f('z Z XXX', resolveZone('Europe/Kyiv'))).toBe('EET +0200 +02:00');
    expect(f('D u k K G')).toBe('64 4 14 2 AD');
  });

  it('resolves zones like TimeZone.getTimeZone', () => {
    expect(resolveZone('GMT+3').id).toBe('GMT+03:00');
    expect(resolveZone('GMT-0530').id).toBe('GMT-05:30');
    expect(resolveZone('Nowhere/Else').id).toBe('GMT');
    expect(resolveZone('GMT+25').id).toBe('GMT');
    expect(resolveZone('Europe/Kyiv').offsetAt(Date.UTC(2026, 6, 1))).toBe(3 * 3600000);
  });

  it('parses names, AM/PM and offsets', () => {
    const p = (pattern: string, text: string) => new SimpleDateFormat(pattern).parse(text, utc);
    expect(p('d MMMM yyyy h:mm a', '5 march 2026 2:07 PM')).toBe(Date.UTC(2026, 2, 5, 14, 7));
    expect(p('EEE, d MMM yyyy', 'Thu, 5 Mar 2026')).toBe(Date.UTC(2026, 2, 5));
    expect(p("yyyy-MM-dd'T'HH:mmXXX", '2026-03-05T14:07+02:00')).toBe(Date.UTC(2026, 2, 5, 12, 7));
    expect(p('yyyy-MM-dd HH:mm Z', '2026-03-05 14:07 -0100')).toBe(Date.UTC(2026, 2, 5, 15, 7));
    expect(p('yyyy-MM-dd', 'x')).toBeUndefined();
  });
});

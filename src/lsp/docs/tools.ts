/**
 * The tools Yespo puts in the context, with the methods the engine implements
 * (src/engine/tools/; a test renders every example here), signatures and one-line docs.
 */
import type { MethodDoc } from './java.js';

export interface ToolMethodDoc extends MethodDoc {
  /** A call that works, rendered by the tests. */
  example: string;
}

export interface ToolDoc {
  name: string;
  doc: string;
  methods: ToolMethodDoc[];
}

const t = (name: string, signature: string, returns: MethodDoc['returns'], doc: string, example: string): ToolMethodDoc => ({ name, signature, returns, doc, example });

export const TOOLS: ToolDoc[] = [
  {
    name: 'mathTool',
    doc: 'Arithmetic (Apache VelocityTools 2.0 MathTool). Accepts numbers and numeric strings; a value that does not convert gives null.',
    methods: [
      t('add', 'add(Object a, Object b)', 'Number', 'a + b.', '$mathTool.add(1, 2)'),
      t('sub', 'sub(Object a, Object b)', 'Number', 'a - b.', '$mathTool.sub(5, 2)'),
      t('mul', 'mul(Object a, Object b)', 'Number', 'a × b.', '$mathTool.mul(2, 3)'),
      t('div', 'div(Object a, Object b)', 'Number', 'a ÷ b (null when b is 0).', '$mathTool.div(7, 2)'),
      t('idiv', 'idiv(Object a, Object b)', 'Number', 'Whole-number division.', '$mathTool.idiv(7, 2)'),
      t('mod', 'mod(Object a, Object b)', 'Number', 'Remainder of whole-number division.', '$mathTool.mod(7, 2)'),
      t('max', 'max(Object a, Object b)', 'Number', 'The larger of a and b.', '$mathTool.max(1, 2)'),
      t('min', 'min(Object a, Object b)', 'Number', 'The smaller of a and b.', '$mathTool.min(1, 2)'),
      t('pow', 'pow(Object a, Object b)', 'Number', 'a to the power b.', '$mathTool.pow(2, 3)'),
      t('abs', 'abs(Object n)', 'Number', 'Absolute value.', '$mathTool.abs(-2)'),
      t('ceil', 'ceil(Object n)', 'Number', 'Smallest whole number not below n (an Integer).', '$mathTool.ceil(1.2)'),
      t('floor', 'floor(Object n)', 'Number', 'Largest whole number not above n (an Integer).', '$mathTool.floor(1.8)'),
      t('round', 'round(Object n)', 'Number', 'Nearest whole number, halves to even (an Integer).', '$mathTool.round(2.5)'),
      t('roundTo', 'roundTo(Object decimals, Object n)', 'Number', 'n rounded to a number of decimal places.', '$mathTool.roundTo(2, 3.14159)'),
      t('toNumber', 'toNumber(Object n)', 'Number', 'n as a number, or null.', "$mathTool.toNumber('12')"),
      t('toInteger', 'toInteger(Object n)', 'Number', 'n as an Integer (fraction cut off), or null.', "$mathTool.toInteger('12.7')"),
      t('toDouble', 'toDouble(Object n)', 'Number', 'n as a Double, or null.', '$mathTool.toDouble(3)'),
      t('random', 'random() | random(Object from, Object to)', 'Number', 'A random number (0 to 1, or in the range from..to).', '$mathTool.random(1, 10)'),
      t('getTotal', 'getTotal(Object... values)', 'Number', 'Sum of the values.', '$mathTool.getTotal([1, 2, 3])'),
      t('getAverage', 'getAverage(Object... values)', 'Number', 'Average of the values.', '$mathTool.getAverage([1, 2, 3])'),
    ],
  },
  {
    name: 'numberTool',
    doc: 'Number formatting (Apache VelocityTools 2.0 NumberTool), locale of the project (en-US by default).',
    methods: [
      t('format', "format(Object n) | format(String pattern, Object n) | format(String pattern, Object n, Locale locale)", 'String', "n formatted: 'number', 'integer', 'currency', 'percent' or a DecimalFormat pattern such as '#.00'.", "$numberTool.format('#.00', 3.14159)"),
      t('integer', 'integer(Object n)', 'String', 'n as a whole number with grouping (rounds half to even).', '$numberTool.integer(1234.5)'),
      t('number', 'number(Object n)', 'String', 'n with grouping and up to 3 decimals.', '$numberTool.number(1234.5678)'),
      t('currency', 'currency(Object n)', 'String', "n as money in the locale's currency.", '$numberTool.currency(9.5)'),
      t('percent', 'percent(Object n)', 'String', 'n as a percentage (0.25 → 25%).', '$numberTool.percent(0.25)'),
      t('toNumber', 'toNumber(Object n) | toNumber(String pattern, Object n)', 'Number', 'Text read as a number, or null.', "$numberTool.toNumber('1,234.5')"),
      t('getLocale', 'getLocale()', 'String', 'The locale numbers are formatted in.', '$numberTool.getLocale()'),
    ],
  },
  {
    name: 'dateTool',
    doc: "Yespo's date API (not VelocityTools' DateTool): the organisation's time zone, SimpleDateFormat patterns.",
    methods: [
      t('currentDate', 'currentDate() | currentDate(String format) | currentDate(String format, String timeZone)', 'String', 'Now, formatted (default dd.MM.yyyy HH:mm:ss).', "$dateTool.currentDate('dd.MM.yyyy')"),
      t('currentTimeStamp', 'currentTimeStamp()', 'Number', 'Now in milliseconds since 1970 (a Long).', '$dateTool.currentTimeStamp()'),
      t('formatDate', 'formatDate(String format, Object millis)', 'String', 'Epoch milliseconds formatted.', "$dateTool.formatDate('dd.MM.yyyy', 1495479520000)"),
      t('formatInContactTimezone', 'formatInContactTimezone(String format, Object dateTime)', 'String', 'A date-time (UTC text or millis) formatted in the time zone.', "$dateTool.formatInContactTimezone('dd.MM.yyyy', '2020-05-01T10:00:00')"),
      t('addYears', 'addYears(Object date, int n [, String inFormat [, String outFormat]])', 'String', 'The date plus n years.', "$dateTool.addYears('01/01/2020 12:00', 1)"),
      t('addMonths', 'addMonths(Object date, int n [, String inFormat [, String outFormat]])', 'String', 'The date plus n months.', "$dateTool.addMonths('01/01/2020 12:00', 1)"),
      t('addDays', 'addDays(Object date, int n [, String inFormat [, String outFormat]])', 'String', 'The date plus n days.', "$dateTool.addDays('01/01/2020 12:00', 15)"),
      t('addHours', 'addHours(Object date, int n [, String inFormat [, String outFormat]])', 'String', 'The date plus n hours.', "$dateTool.addHours('01/01/2020 12:00', 2)"),
      t('addMinutes', 'addMinutes(Object date, int n [, String inFormat [, String outFormat]])', 'String', 'The date plus n minutes.', "$dateTool.addMinutes('01/01/2020 12:00', 30)"),
      t('diff', "diff(Object d1, Object d2, String unit) | diff(Object d1, Object d2, String format, String unit)", 'Number', "d2 - d1 in 'YEARS', 'MONTHS', 'DAYS', 'HOURS' or 'MINUTES'.", "$dateTool.diff('01/01/2019 12:00', '05/05/2020 12:00', 'DAYS')"),
    ],
  },
];

export const toolByName = (name: string): ToolDoc | undefined => TOOLS.find((x) => x.name === name);

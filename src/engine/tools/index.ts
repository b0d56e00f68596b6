/**
 * The tools Yespo puts in the context: $mathTool and $numberTool (Apache VelocityTools 2.0
 * MathTool / NumberTool) and $dateTool (Yespo's own date API).
 */
import type { Value } from '../values.js';
import { MathTool } from './math.js';
import { NumberTool } from './number.js';
import { DateTool } from './date.js';

export interface ToolOptions {
  /** "Now" for $dateTool (Date, epoch millis or ISO text); default: the real clock. */
  now?: Date | number | string | undefined;
  /** Organisation time zone for $dateTool (IANA name or GMT+3); default UTC. */
  timeZone?: string | undefined;
  /** Locale for $numberTool (default en-US). */
  locale?: string | undefined;
}

export function createTools(options: ToolOptions = {}): Record<string, Value> {
  const { locale, timeZone, now } = options;
  const last = lastTools;
  // the tools hold nothing a render can change: those of the last options serve again
  if (last && last.locale === locale && last.timeZone === timeZone && last.now === now && !(now instanceof Date)) return last.tools;
  const tools = Object.freeze({
    mathTool: new MathTool(),
    numberTool: new NumberTool(locale ?? 'en-US'),
    dateTool: new DateTool(options),
  });
  lastTools = { locale, timeZone, now, tools };
  return tools;
}

let lastTools: { locale: string | undefined; timeZone: string | undefined; now: ToolOptions['now']; tools: Readonly<Record<string, Value>> } | undefined;

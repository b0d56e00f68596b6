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
  return {
    mathTool: new MathTool(),
    numberTool: new NumberTool(options.locale ?? 'en-US'),
    dateTool: new DateTool(options),
  };
}

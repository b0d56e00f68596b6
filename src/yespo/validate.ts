import { DataError } from '../errors.js';
import type { EventBody, SendEmailBody, SmartsendBody } from './types.js';

/** Documented limits (reference B3/B4), checked before anything is sent. */
export const MAX_SMARTSEND_RECIPIENTS = 1000;
export const MAX_EVENT_BYTES = 20 * 1024;
export const MAX_EVENT_TYPE_KEY = 100;
export const MAX_KEY_VALUE = 300;
/** Characters Yespo forbids in eventTypeKey and keyValue. */
const FORBIDDEN = /[<;'’\\/|"`^?!,>]/;

function fail(message: string, pointer?: string): never {
  const err = new DataError(message);
  err.pointer = pointer;
  throw err;
}

export function validateSmartsend(messageId: number, body: SmartsendBody): void {
  if (!Number.isInteger(messageId) || messageId <= 0) {
    fail(`the Yespo message id must be a positive integer, got ${String(messageId)}`);
  }
  const n = body.recipients.length;
  if (n === 0) fail('smartsend needs at least one recipient', '/recipients');
  if (n > MAX_SMARTSEND_RECIPIENTS) {
    fail(`smartsend accepts at most ${MAX_SMARTSEND_RECIPIENTS} recipients per request, got ${n}`, '/recipients');
  }
  body.recipients.forEach((r, i) => {
    if (r.locator === undefined && r.contactId === undefined) {
      fail(`recipient ${i} has neither locator nor contactId`, `/recipients/${i}`);
    }
    const jp: unknown = r.jsonParam;
    if (jp !== undefined && jp !== null && typeof jp !== 'string') {
      fail(
        `recipients[${i}].jsonParam must be a JSON string (serialise the payload with JSON.stringify), not ${typeof jp}`,
        `/recipients/${i}/jsonParam`,
      );
    }
    if (typeof jp === 'string') {
      try {
        JSON.parse(jp);
      } catch {
        fail(`recipients[${i}].jsonParam is not valid JSON text`, `/recipients/${i}/jsonParam`);
      }
    }
  });
}

export function validateSendEmail(body: SendEmailBody): void {
  for (const field of ['from', 'subject', 'htmlText'] as const) {
    if (typeof body[field] !== 'string' || body[field] === '') fail(`message/email needs a non-empty "${field}"`, `/${field}`);
  }
  if (!Array.isArray(body.emails) || body.emails.length === 0) fail('message/email needs at least one address in "emails"', '/emails');
}

/** Size of a body as Yespo counts it: UTF-8 bytes of the JSON text. */
export function jsonBytes(body: unknown): number {
  return Buffer.byteLength(JSON.stringify(body), 'utf8');
}

export function validateEvent(body: unknown, text?: string): asserts body is EventBody {
  if (!body || typeof body !== 'object' || Array.isArray(body)) fail('an event body must be a JSON object');
  const b = body as Record<string, unknown>;
  const key = b['eventTypeKey'];
  if (typeof key !== 'string' || key === '') fail('the event needs an "eventTypeKey" string', '/eventTypeKey');
  if (key.length > MAX_EVENT_TYPE_KEY) fail(`eventTypeKey is longer than ${MAX_EVENT_TYPE_KEY} characters`, '/eventTypeKey');
  if (FORBIDDEN.test(key)) fail(`eventTypeKey "${key}" contains a character Yespo forbids (< ; ' \\ / | " \` ^ ? ! , >)`, '/eventTypeKey');
  const kv = b['keyValue'];
  if (kv !== undefined && kv !== null) {
    if (typeof kv !== 'string') fail('keyValue must be a string', '/keyValue');
    if (kv.length > MAX_KEY_VALUE) fail(`keyValue is longer than ${MAX_KEY_VALUE} characters`, '/keyValue');
    if (FORBIDDEN.test(kv)) fail(`keyValue "${kv}" contains a character Yespo forbids`, '/keyValue');
  }
  const params = b['params'];
  if (params !== undefined) {
    if (!Array.isArray(params)) fail('params must be an array of {name, value} (Yespo also shows a map form, which is unverified)', '/params');
    params.forEach((p: unknown, i) => {
      if (!p || typeof p !== 'object' || typeof (p as { name?: unknown }).name !== 'string') {
        fail(`params[${i}] must be an object with a "name" string`, `/params/${i}`);
      }
    });
  }
  const size = text === undefined ? jsonBytes(body) : Buffer.byteLength(text, 'utf8');
  if (size > MAX_EVENT_BYTES) fail(`the event body is ${size} bytes; Yespo accepts at most ${MAX_EVENT_BYTES} (20 KB)`);
}

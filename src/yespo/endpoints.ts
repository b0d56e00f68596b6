import type { ApiRequest, ApiResponse, YespoClient } from './client.js';
import { YespoApiError } from './errors.js';
import { oneLine } from './server-text.js';
import type {
  AccountInfo,
  EventBody,
  MessageStatus,
  SendEmailBody,
  SendResponse,
  SendResult,
  SmartsendBody,
} from './types.js';
import { validateEvent, validateSendEmail, validateSmartsend } from './validate.js';

/**
 * Request builders are separate from execution so that `--dry-run` describes exactly the request
 * that a real run sends. Each builder validates what Yespo documents.
 */
export const requests = {
  accountInfo: (): ApiRequest => ({ method: 'GET', path: '/v1/account/info' }),
  smartsend(messageId: number, body: SmartsendBody): ApiRequest {
    validateSmartsend(messageId, body);
    return { method: 'POST', path: `/v1/message/${messageId}/smartsend`, body };
  },
  sendEmail(body: SendEmailBody): ApiRequest {
    validateSendEmail(body);
    return { method: 'POST', path: '/v1/message/email', body };
  },
  /** `text`, when given, is sent as is (it must be the JSON text of `body`). */
  event(body: EventBody, version: 1 | 2 = 1, text?: string): ApiRequest {
    validateEvent(body, text);
    return { method: 'POST', path: `/v${version}/event`, body, bodyText: text };
  },
  messageStatus(requestIds: string[]): ApiRequest {
    return { method: 'GET', path: '/v1/message/status', query: { ids: requestIds.join(',') } };
  },
};

export async function getAccountInfo(client: YespoClient): Promise<AccountInfo> {
  const res = await client.request(requests.accountInfo());
  return isObject(res.data) ? (res.data as AccountInfo) : {};
}

export async function smartsend(client: YespoClient, messageId: number, body: SmartsendBody): Promise<SendResponse> {
  const req = requests.smartsend(messageId, body);
  return toSendResponse(client, req, await client.request(req));
}

export async function sendEmail(client: YespoClient, body: SendEmailBody): Promise<SendResponse> {
  const req = requests.sendEmail(body);
  return toSendResponse(client, req, await client.request(req));
}

/** Generate event. v1 answers 200 with an empty body; whatever came back is returned. */
export async function generateEvent(client: YespoClient, body: EventBody, version: 1 | 2 = 1): Promise<ApiResponse> {
  return client.request(requests.event(body, version));
}

/** Sends a prepared smartsend or message/email request (from `requests`); never retried. */
export async function executeSend(client: YespoClient, req: ApiRequest): Promise<SendResponse> {
  return toSendResponse(client, req, await client.request(req));
}

export async function getMessageStatus(client: YespoClient, requestIds: string[]): Promise<MessageStatus[]> {
  const res = await client.request(requests.messageStatus(requestIds));
  const results = isObject(res.data) ? (res.data as { results?: unknown }).results : res.data;
  return asList(results) as MessageStatus[];
}

/** Yespo answers `results` as an object for one recipient and as an array for several. */
export function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

function toSendResponse(client: YespoClient, req: ApiRequest, res: ApiResponse): SendResponse {
  if (!isObject(res.data)) {
    throw new YespoApiError(
      `${req.method} ${req.path} answered ${res.status} without the expected JSON results` +
        // res.data is already redacted and free of control characters; only now is it shortened
        (typeof res.data === 'string' ? `: ${shorten(oneLine(res.data), 200)}` : ''),
      { method: req.method, path: req.path, kind: 'http', status: res.status },
    );
  }
  const d = res.data as { id?: number | string; results?: unknown };
  return { id: d.id, results: asList(d.results) as SendResult[] };
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Yespo sends booleans as `true` or `"true"`. */
export function truthy(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

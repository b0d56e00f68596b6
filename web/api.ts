/** Calls to the preview server's JSON API; the session token goes along with every call (lint needs it too). */
import type {
  EmailSummary,
  LintResponse,
  RenderRequest,
  RenderResult,
  SaveFixtureRequest,
  SendRequest,
  SendSettingsInfo,
  SendState,
  SourceResponse,
  SyncResponse,
} from '../src/preview/protocol.js';

const API = '/__velvet/api';
export const token = document.querySelector<HTMLMetaElement>('meta[name="velvet-token"]')?.content ?? '';

/** This tab's id: file changes are re-rendered for the selection registered under it. */
export const clientId = crypto.randomUUID();

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(API + path, {
    method,
    headers: body === undefined ? { 'x-velvet-token': token } : { 'content-type': 'application/json', 'x-velvet-token': token },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new ApiError(res.status, typeof data['error'] === 'string' ? data['error'] : `HTTP ${res.status}`, data);
  return data as T;
}

export const api = {
  emails: () => call<EmailSummary[]>('GET', '/emails'),
  render: (sel: Omit<RenderRequest, 'clientId'>) => call<{ seq: number; result: RenderResult }>('POST', '/render', { ...sel, clientId }),
  lint: (email: string) => call<LintResponse>('GET', `/lint?email=${encodeURIComponent(email)}`),
  source: (email: string) => call<SourceResponse>('GET', `/source?email=${encodeURIComponent(email)}`),
  saveFixture: (req: SaveFixtureRequest) => call<{ name: string; file: string }>('POST', '/fixtures', req),
  send: (req: SendRequest) => call<SendState>('POST', '/send', req),
  sendSettings: (email: string) => call<SendSettingsInfo>('GET', `/send/settings?email=${encodeURIComponent(email)}`),
  /** Reads every linked message from Yespo once (on demand, never polled). */
  sync: () => call<SyncResponse>('POST', '/sync', {}),
};

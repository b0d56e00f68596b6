/**
 * What the preview server and the Lit UI say to each other: HTTP bodies under `/__velvet/api/`
 * and Server-Sent Events with the `velvet:` prefix. Types and constants only, so the UI can import them.
 */
import type { ErrorPayload } from '../errors.js';
import type { Diagnostic } from '../lint/types.js';
import type { SyncState } from '../sync/status.js';

/** The serialisable error shape shared with the terminal; `file` is relative to the project folder. */
export type ErrorInfo = ErrorPayload;

export interface FixtureSummary {
  name: string;
  format: string;
  description?: string | undefined;
  variants: string[];
}

export interface EmailSummary {
  name: string;
  fixtures: FixtureSummary[];
  /** Fixture files that failed to load (their name and the error). */
  brokenFixtures: { name: string; error: ErrorInfo }[];
  /** The email itself cannot be loaded (e.g. an invalid email.json). */
  error?: ErrorInfo | undefined;
  /** The template (or subject, preheader) does not parse: the first syntax error. */
  templateError?: ErrorInfo | undefined;
}

export interface Selection {
  email: string;
  fixture?: string | undefined;
  variant?: string | undefined;
  /** Payload JSON text from the editor, rendered instead of the fixture variant's payload. */
  payload?: string | undefined;
}

export interface RenderOk {
  ok: true;
  email: string;
  fixture: string | undefined;
  variant: string | undefined;
  subject: string | undefined;
  preheader: string | undefined;
  /** Sender from email.json. */
  from: string | undefined;
  /** Yespo message id from email.json. */
  messageId?: number | undefined;
  /** Folder of the email relative to the project, for relative asset URLs. */
  dir: string;
  html: string;
  /** Plain-text version of the html ('' while `textPending`: a `velvet:text` event brings it). */
  text: string;
  /** The plain text is still being made; it follows as a `velvet:text` event for this seq. */
  textPending?: boolean | undefined;
  sizeBytes: number;
  /** The payload the render used, pretty-printed JSON. */
  payload: string;
  unknownMergeTags: { tag: string; part: string }[];
  /** True when `payload` came from the editor rather than the fixture file. */
  edited: boolean;
}

export interface RenderFailed {
  ok: false;
  email: string;
  fixture: string | undefined;
  variant: string | undefined;
  error: ErrorInfo;
}

export type RenderResult = RenderOk | RenderFailed;

/** Body of POST /__velvet/api/render. */
export interface RenderRequest extends Selection {
  /** Random id of the browser tab; later file changes re-render this selection for it. */
  clientId: string;
}

export interface RenderPush {
  clientId: string;
  /** Increases with every render for this client; the UI drops anything older than it has. */
  seq: number;
  result: RenderResult;
}

/** A lint finding (see src/lint/types.ts). */
export type { Diagnostic };

export type LintResponse =
  | { available: false; reason: string }
  | { available: true; diagnostics: Diagnostic[] }
  | { available: true; error: ErrorInfo };

/** One file of an email's template sources. */
export interface SourceFile {
  /** Relative to the project folder, as lint findings name it. */
  file: string;
  /** `template`: email.html; `meta`: email.json (subject and preheader templates). */
  kind: 'template' | 'meta';
  text: string;
}

/** GET /__velvet/api/source?email=NAME, and the `velvet:source` event after a change. */
export interface SourceResponse {
  email: string;
  files: SourceFile[];
}

/** Body of POST /__velvet/api/fixtures. */
export interface SaveFixtureRequest {
  email: string;
  /** File base name, without `.json`. */
  name: string;
  /** Payload JSON text (an object). */
  payload: string;
  /** Replace an existing file: only after the user confirmed it. */
  overwrite?: boolean | undefined;
}

export type SendMode = 'data' | 'render';

/** Body of POST /__velvet/api/send. */
export interface SendRequest {
  email: string;
  fixture?: string | undefined;
  variant?: string | undefined;
  to: string[];
  mode: SendMode;
  /** The payload shown on screen (edited JSON text); sent instead of the fixture file's. */
  payload?: string | undefined;
}

/** GET /__velvet/api/send/settings?email=NAME: what a send would use (never the key itself). */
export interface SendSettingsInfo {
  /** YESPO_API_KEY is set in the preview server's environment. */
  apiKey: boolean;
  apiUrl: string;
  /** send.carrierMessageId: render mode sends through it. */
  carrierMessageId: number | null;
  /** The email's messageId: data mode sends to it. */
  messageId: number | null;
  allow: string[];
  allowSource: string;
  subjectPrefix: string;
  /** The settings could not be read (e.g. a bad send.apiUrl). */
  problem?: string | undefined;
}

export interface SendRecipientState {
  locator: string;
  /** accepted → delivered / failed / pending; rejected when Yespo refused the address. */
  state: 'accepted' | 'rejected' | 'delivered' | 'failed' | 'pending' | 'unconfirmed';
  detail?: string | undefined;
}

export interface SendState {
  id: string;
  email: string;
  /** planning → sending → following → done, or refused / error. */
  phase: 'sending' | 'following' | 'done' | 'refused' | 'error';
  subject?: string | undefined;
  recipients: SendRecipientState[];
  /** Why nothing was sent (allow-list, checks, settings) or what went wrong. */
  problems: string[];
  findings: { severity: 'error' | 'warning'; rule: string; message: string }[];
}

/** One email's sync state with its Yespo message (see docs/sync.md). */
export interface SyncInfo {
  email: string;
  messageId: number | undefined;
  state: SyncState;
  /** The state in words, as `velvet status` prints it. */
  text: string;
  here: string[];
  yespo: string[];
}

/** Answer of POST /__velvet/api/sync: checked on demand, never polled. */
export type SyncResponse =
  | { available: false; reason: string }
  | { available: true; checkedAt: string; emails: SyncInfo[] }
  | { available: true; error: string };

/** Server-Sent Events on EVENTS_PATH, server → browser (the event name is the SSE `event:`). */
export interface VelvetEvents {
  /** The list of emails and fixtures changed. */
  'velvet:emails': EmailSummary[];
  /** A new render for one tab's selection. */
  'velvet:render': RenderPush;
  /** Progress of a test send. */
  'velvet:send': SendState;
  /** The template sources of an email shown in a tab changed (a save, an editor's unsaved text). */
  'velvet:source': SourceResponse;
  /** The plain text of a pushed render, made after the render was sent. */
  'velvet:text': { clientId: string; seq: number; text: string };
}

export const API_PREFIX = '/__velvet/api';
export const FILES_PREFIX = '/__velvet/files';
export const TOKEN_HEADER = 'x-velvet-token';
/** The event stream (Server-Sent Events); the token goes as `?token=`. */
export const EVENTS_PATH = '/__velvet/events';
/** Gmail clips messages whose HTML is larger than this. */
export const GMAIL_CLIP_BYTES = 102 * 1024;

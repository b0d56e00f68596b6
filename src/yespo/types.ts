/** Request and response shapes of the Yespo API methods velvet uses (reference part B3). */

/** `GET /v1/account/info`. */
export interface AccountInfo {
  userEmail?: string;
  organisationName?: string;
  orgId?: number | string;
  [key: string]: unknown;
}

/** One recipient of `POST /v1/message/{id}/smartsend`. */
export interface SmartsendRecipient {
  contactId?: number;
  /** Email address (or phone, push token… for other channels). */
  locator?: string;
  /** The payload as a JSON *string*; null means no personalisation. */
  jsonParam?: string | null;
  languageCode?: string;
  externalRequestId?: string;
}

export interface SmartsendBody {
  recipients: SmartsendRecipient[];
  /** true = the email channel. */
  email: boolean;
  /** Sender name only; null keeps the message's default. */
  fromName?: string | null;
}

/** `POST /v1/message/email`: raw HTML. */
export interface SendEmailBody {
  /** `"Name" <addr@domain>` */
  from: string;
  subject: string;
  htmlText: string;
  emails: string[];
  plainText?: string;
  ampHtmlText?: string;
  tags?: string[];
  externalRequestId?: string;
  skipPersonalisation?: boolean;
  trackUrls?: boolean;
}

/** One per-recipient result of a send. Yespo may send `id` as a number or a string. */
export interface SendResult {
  id?: number | string;
  locator?: string;
  /** `OK` = queued (poll with requestId) or `ERROR` (see message). */
  status?: string;
  requestId?: string;
  message?: string;
  [key: string]: unknown;
}

/** The answer of smartsend and message/email, with `results` normalised to a list. */
export interface SendResponse {
  id?: number | string;
  results: SendResult[];
}

/** `POST /v1/event` and `/v2/event`. */
export interface EventBody {
  eventTypeKey: string;
  keyValue?: string;
  params?: Array<{ name: string; value: unknown }>;
  [key: string]: unknown;
}

/** One entry of `GET /v1/message/status`; booleans may arrive as strings. */
export interface MessageStatus {
  id?: number | string;
  requestId?: string;
  status?: string;
  delivered?: boolean | string;
  failed?: boolean | string;
  [key: string]: unknown;
}

import { eventTexts, unjudgeableAddresses } from './event-scan.js';
import { findLeftoverVelocity } from './leftover.js';

/** At most this many addresses per test send: a test is not a campaign. */
export const MAX_TEST_RECIPIENTS = 10;
export const DEFAULT_SUBJECT_PREFIX = '[TEST] ';

/** One allow-list entry: a whole address or a domain (written `@example.com`). */
export type AllowEntry = { kind: 'address'; value: string } | { kind: 'domain'; value: string };

export interface AllowList {
  entries: AllowEntry[];
  /** Where the list came from, for messages. */
  source: 'VELVET_SEND_ALLOW' | 'config send.allow' | 'none';
  /** Entries that are neither an address nor an @domain. */
  invalid: string[];
}

const ADDRESS = /^[^\s@<>,;"()]+@[^\s@<>,;"()]+\.[^\s@<>,;"()]+$/;
const DOMAIN = /^@[^\s@<>,;"()]+\.[^\s@<>,;"()]+$/;

/** Splits a comma (or semicolon/whitespace) separated list, dropping empty items. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The allow-list: `VELVET_SEND_ALLOW` when set (it replaces the config list, so CI can pin it),
 * else the config's `send.allow`. Matching is case-insensitive; a domain entry matches that exact
 * domain, not its subdomains.
 */
export function resolveAllowList(configAllow: readonly string[] | undefined, envAllow: string | undefined): AllowList {
  let raw: string[];
  let source: AllowList['source'];
  if (envAllow !== undefined && envAllow.trim() !== '') {
    raw = splitList(envAllow);
    source = 'VELVET_SEND_ALLOW';
  } else if (configAllow && configAllow.length > 0) {
    raw = configAllow.flatMap(splitList);
    source = 'config send.allow';
  } else {
    return { entries: [], source: 'none', invalid: [] };
  }
  const entries: AllowEntry[] = [];
  const invalid: string[] = [];
  for (const item of raw) {
    const v = item.toLowerCase();
    if (DOMAIN.test(v)) entries.push({ kind: 'domain', value: v.slice(1) });
    else if (v.startsWith('*@') && DOMAIN.test(v.slice(1))) entries.push({ kind: 'domain', value: v.slice(2) });
    else if (ADDRESS.test(v)) entries.push({ kind: 'address', value: v });
    else invalid.push(item);
  }
  return { entries, source, invalid };
}

export function isAllowed(address: string, allow: AllowList): boolean {
  const a = address.trim().toLowerCase();
  if (!ADDRESS.test(a)) return false;
  const domain = a.slice(a.lastIndexOf('@') + 1);
  return allow.entries.some((e) => (e.kind === 'address' ? e.value === a : e.value === domain));
}

export function isAddress(text: string): boolean {
  return ADDRESS.test(text.trim());
}

export interface RecipientCheck {
  /** Distinct addresses in the order given. */
  recipients: string[];
  /** Problems that stop the send; `--force` does not lift them. */
  problems: string[];
  /** Those of `problems` that are about the allow-list (none, invalid entries, an address not on it). */
  allowListProblems: string[];
}

/** Parses `--to` values and applies the allow-list and the recipient limit. */
export function checkRecipients(to: readonly string[], allow: AllowList): RecipientCheck {
  const recipients: string[] = [];
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const a of to.flatMap(splitList)) {
    const key = a.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    recipients.push(a);
  }
  if (recipients.length === 0) problems.push('no recipient: give --to ADDR[,ADDR]');
  const bad = recipients.filter((a) => !isAddress(a));
  if (bad.length) problems.push(`not an email address: ${bad.join(', ')}`);
  if (recipients.length > MAX_TEST_RECIPIENTS) {
    problems.push(`a test send goes to at most ${MAX_TEST_RECIPIENTS} addresses; got ${recipients.length}`);
  }
  const allowListProblems: string[] = [];
  if (allow.invalid.length) {
    allowListProblems.push(`the allow-list (${allow.source}) has entries that are neither an address nor an @domain: ${allow.invalid.join(', ')}`);
  }
  if (allow.entries.length === 0) {
    allowListProblems.push(
      'no allow-list: set send.allow in velvet.config.json or VELVET_SEND_ALLOW (addresses or @domains); nothing is sent to an address that is not listed',
    );
  } else {
    const refused = recipients.filter((a) => isAddress(a) && !isAllowed(a, allow));
    if (refused.length) allowListProblems.push(`not in the allow-list (${allow.source}): ${refused.join(', ')}`);
  }
  problems.push(...allowListProblems);
  return { recipients, problems, allowListProblems };
}

/** Adds the test prefix once (a subject that already starts with it is left alone). */
export function applySubjectPrefix(subject: string, prefix: string): string {
  if (!prefix || subject.startsWith(prefix)) return subject;
  return prefix + subject;
}

/** A finding from a pre-send check (lint, leftover code). Errors block a send unless forced. */
export interface SendFinding {
  severity: 'error' | 'warning';
  /** Rule id, e.g. `leftover-velocity` or a lint rule id. */
  rule: string;
  message: string;
  line?: number | undefined;
  column?: number | undefined;
}

export interface CheckInput {
  email: string;
  subject: string;
  html: string;
}

/**
 * The hook through which other checks (the linter, once it exists) can block a send: a function
 * that returns findings for the rendered email.
 */
export type SendChecks = (input: CheckInput) => SendFinding[] | Promise<SendFinding[]>;

/** Leftover Velocity in the subject or HTML, as findings. */
export function leftoverFindings(input: CheckInput): SendFinding[] {
  const out: SendFinding[] = [];
  for (const [where, text] of [['subject', input.subject], ['html', input.html]] as const) {
    for (const f of findLeftoverVelocity(text)) {
      out.push({
        severity: 'error',
        rule: 'leftover-velocity',
        message: `leftover Velocity code \`${f.text}\` in the rendered ${where}: ${f.excerpt}`,
        line: where === 'html' ? f.line : undefined,
        column: where === 'html' ? f.column : undefined,
      });
    }
  }
  return out;
}

export interface Verdict {
  findings: SendFinding[];
  /** True when error findings stop the send (they were not forced). */
  blocked: boolean;
}

/** Runs the built-in leftover check and the given `checks`; errors block unless `force`. */
export async function runSendChecks(input: CheckInput, force: boolean, checks?: SendChecks): Promise<Verdict> {
  const findings = [...leftoverFindings(input), ...((await checks?.(input)) ?? [])];
  const errors = findings.some((f) => f.severity === 'error');
  return { findings, blocked: errors && !force };
}

/**
 * Address-like substrings: `local@domain.tld`, cut at separators, so one string holding a list
 * (`a@x.com,b@y.com`, `mailto:a@x.com`, `Name <a@x.com>`) gives every address in it.
 */
const ADDRESS_LIKE = /[^\s@<>,;:"'()[\]{}\\|]+@[^\s@<>,;:"'()[\]{}\\|/?#=&]+\.[^\s@<>,;:"'()[\]{}\\|/?#=&]+/g;
/** `logo@2x.png` is a file name, not an address. */
const FILE_NAME = /\.(png|jpe?g|gif|webp|svg|avif|bmp|ico|tiff?)$/i;

/** Every address-like substring of `text`, trailing dots dropped. */
export function addressesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ADDRESS_LIKE)) {
    const a = m[0].replace(/\.+$/, '');
    if (isAddress(a) && !FILE_NAME.test(a)) out.push(a);
  }
  return out;
}

function distinct(addresses: readonly string[]): string[] {
  return [...new Map(addresses.map((a) => [a.toLowerCase(), a])).values()];
}

/**
 * Email addresses an event names: in `keyValue` and anywhere in the params (nested values and
 * lists inside one string included), and in the exact text that is sent when given. An event
 * starts a workflow, which may mail any of them, so all must be allowed.
 */
export function eventAddresses(body: Record<string, unknown>, text?: string): string[] {
  return distinct(eventTexts(body, text).forms.flatMap(addressesIn));
}

/**
 * Allow-list check for an event. Every address in it must be allowed (`--force` does not lift
 * that). A `keyValue` that is not one allowed address (a phone number, a contact id) names a
 * contact velvet cannot check, as does an event without any address: those need `--force`.
 */
export function checkEventContacts(body: Record<string, unknown>, allow: AllowList, force: boolean, text?: string): string[] {
  const problems: string[] = [];
  const unjudgeable = unjudgeableAddresses(body, text);
  if (unjudgeable.length) {
    problems.push(
      `the event names an address that cannot be checked against the allow-list (an IP-literal domain or a quoted local part): ${unjudgeable.join(', ')}; --force does not lift this`,
    );
  }
  const addresses = eventAddresses(body, text);
  const key = body['keyValue'];
  const keyText = typeof key === 'string' ? key.trim() : typeof key === 'number' || typeof key === 'boolean' ? String(key) : undefined;
  if (key !== undefined && key !== null && keyText !== '' && !force) {
    if (keyText === undefined) {
      problems.push('keyValue is not a string, so velvet cannot check which contact the workflow will email; pass --force if that is intended');
    } else if (!isAddress(keyText)) {
      problems.push(
        `keyValue '${keyText}' is not an email address (a phone number or contact id names a contact the workflow will email, and velvet cannot check it against the allow-list); pass --force if that contact is yours`,
      );
    }
  }
  if (addresses.length === 0) {
    if (!force && problems.length === 0) {
      problems.push('the event names no email address (keyValue or a param), so velvet cannot check who the workflow will email; pass --force if that is intended');
    }
    return problems;
  }
  problems.push(...checkRecipients(addresses, allow).problems);
  return problems;
}

import type { ApiRequest } from './client.js';
import { requests } from './endpoints.js';
import {
  applySubjectPrefix,
  checkRecipients,
  runSendChecks,
  type SendChecks,
  type SendFinding,
} from './safety.js';
import type { SendSettings } from './settings.js';

export type SendMode = 'data' | 'render';
export type SendVia = 'smartsend' | 'email';

export interface RenderedEmail {
  subject: string;
  preheader?: string | undefined;
  html: string;
}

/** Everything a test send needs, as plain data (the CLI fills it from an email folder). */
export interface TestSendInput {
  /** Email name, for messages. */
  email: string;
  mode: SendMode;
  via: SendVia;
  to: readonly string[];
  /** The fixture variant's payload as a plain JSON object; data mode sends it as jsonParam. */
  payload: Record<string, unknown>;
  /** The local render, or the error it failed with. Data mode uses it only for the checks. */
  rendered: RenderedEmail | Error;
  /** Yespo message id for data mode (from --message-id or the email's meta). */
  messageId?: number | undefined;
  /** Carrier message id for render mode via smartsend (flag; defaults to the config's). */
  carrierMessageId?: number | undefined;
  /** Sender for render mode via message/email: `"Name" <addr@domain>`. */
  from?: string | undefined;
  /** Send even when checks report errors (never lifts the allow-list or recipient limit). */
  force?: boolean | undefined;
  /** Extra checks that can block the send (the linter, when wired). */
  checks?: SendChecks | undefined;
  /**
   * Plan for a dry run: a missing or refusing allow-list and a missing carrier do not stop the
   * plan (they go to `wouldRefuse`, the carrier id shown as CARRIER-ID), so the request is shown.
   */
  dryRun?: boolean | undefined;
}

export interface TestSendPlan {
  recipients: string[];
  /** Wrong usage or missing settings: nothing can be sent (exit 2). */
  usageProblems: string[];
  /** The email itself is not sendable (render failed, checks found errors) (exit 1). */
  failures: string[];
  findings: SendFinding[];
  /** The request to send; present only when nothing above stops it. */
  request: ApiRequest | undefined;
  /** The subject as it will arrive (render mode), for the summary. */
  subject: string | undefined;
  /** Dry run only: what a real send would refuse (the allow-list, the carrier), though the request is shown. */
  wouldRefuse: string[];
}

/** Stands for the carrier's id in a dry run's URL when none is configured. */
export const CARRIER_PLACEHOLDER = 'CARRIER-ID';

/**
 * Decides what a test send does: applies every safety rail and builds the exact request.
 * Pure apart from the (async) checks hook; it sends nothing.
 */
export async function planTestSend(input: TestSendInput, settings: SendSettings): Promise<TestSendPlan> {
  const { recipients, problems, allowListProblems } = checkRecipients(input.to, settings.allow);
  // a dry run shows the request a real send would make and lists what would stop that send
  const wouldRefuse = input.dryRun ? [...allowListProblems] : [];
  const usageProblems = problems.filter((p) => !wouldRefuse.includes(p));
  const failures: string[] = [];
  let findings: SendFinding[] = [];
  const rendered = input.rendered instanceof Error ? undefined : input.rendered;

  if (input.rendered instanceof Error) {
    const msg = `the local render of ${input.email} failed: ${input.rendered.message}`;
    if (input.mode === 'render') failures.push(msg);
    else if (!input.force) failures.push(`${msg} (Yespo would most likely fail too; --force sends anyway)`);
  } else {
    const verdict = await runSendChecks({ email: input.email, ...input.rendered }, input.force ?? false, input.checks);
    findings = verdict.findings;
    if (verdict.blocked) {
      const n = verdict.findings.filter((f) => f.severity === 'error').length;
      failures.push(`${n} check error${n === 1 ? '' : 's'} in ${input.email}; fix ${n === 1 ? 'it' : 'them'} or pass --force`);
    }
  }

  let request: ApiRequest | undefined;
  let subject: string | undefined;
  const ready = usageProblems.length === 0 && failures.length === 0;
  if (input.mode === 'data') {
    if (input.via !== 'smartsend') usageProblems.push('--via email needs --mode render (data mode lets Yespo render its stored template)');
    if (input.messageId === undefined) {
      usageProblems.push(`data mode needs the Yespo message id: set "messageId" in ${input.email}/email.json or pass --message-id N`);
    }
    if (ready && usageProblems.length === 0 && input.messageId !== undefined) {
      const jsonParam = JSON.stringify(input.payload);
      request = requests.smartsend(input.messageId, {
        recipients: recipients.map((locator) => ({ locator, jsonParam })),
        email: true,
      });
    }
  } else if (rendered) {
    subject = applySubjectPrefix(rendered.subject, settings.subjectPrefix);
    if (rendered.subject.trim() === '') usageProblems.push(`${input.email} has no subject: set "subject" in its email.json`);
    if (input.via === 'smartsend') {
      const carrier = input.carrierMessageId ?? settings.carrierMessageId;
      if (carrier === undefined) {
        const problem =
          'render mode sends through the carrier message: run `velvet carrier`, create that message in Yespo once and put its id in velvet.config.json as send.carrierMessageId (or pass --carrier-id N, or use --via email)';
        (input.dryRun ? wouldRefuse : usageProblems).push(problem);
      }
      if ((carrier !== undefined || input.dryRun) && ready && usageProblems.length === 0) {
        // The carrier template prints these values as they are: Yespo does not evaluate data.
        const jsonParam = JSON.stringify({ subject, preheader: rendered.preheader ?? '', html: rendered.html });
        request = requests.smartsend(carrier ?? 1, {
          recipients: recipients.map((locator) => ({ locator, jsonParam })),
          email: true,
        });
        if (carrier === undefined) request = { ...request, path: `/v1/message/${CARRIER_PLACEHOLDER}/smartsend` };
      }
    } else {
      if (!input.from) usageProblems.push(`--via email needs a sender: "from" in ${input.email}/email.json or --from '"Name" <addr@domain>'`);
      else if (ready) {
        request = requests.sendEmail({
          from: input.from,
          subject,
          htmlText: rendered.html,
          emails: recipients,
          // The HTML is already the final local render; a second pass by Yespo could change it.
          skipPersonalisation: true,
        });
      }
    }
  }
  if (usageProblems.length || failures.length) request = undefined;
  return { recipients, usageProblems, failures, findings, request, subject, wouldRefuse };
}

/**
 * The "Send test" panel's server side. It runs the same steps as `velvet send` with the same
 * functions from src/yespo (allow-list, recipient limit, checks, request building, status
 * polling); the key is read from the server's environment and every text that leaves is redacted.
 */
import { randomUUID } from 'node:crypto';
import { errorText } from '../yespo/cli-support.js';
import { YespoClient } from '../yespo/client.js';
import { emailSource, type PreparedEmail } from '../yespo/email-source.js';
import { executeSend } from '../yespo/endpoints.js';
import { createRedactor } from '../yespo/redact.js';
import { summarizeResults } from '../yespo/send-report.js';
import { resolveSendSettings } from '../yespo/settings.js';
import { pollStatus } from '../yespo/status.js';
import { planTestSend } from '../yespo/test-send.js';
import type { EventChannel } from './channel.js';
import type { RenderResult, Selection, SendRecipientState, SendRequest, SendSettingsInfo, SendState } from './protocol.js';
import { panelText, sendSettingsInfo } from './send-settings.js';

export interface SendServiceOptions {
  /** Environment holding YESPO_API_KEY, YESPO_API_URL, VELVET_SEND_ALLOW (default process.env). */
  env: Record<string, string | undefined>;
  /** Folder of the named email, when it exists. */
  emailDir(name: string): string | undefined;
  channel: EventChannel;
  /** Renders an edited payload exactly as the preview shows it (the server's project state). */
  renderEdited?(selection: Selection): RenderResult;
  /** The email's Yespo message id, for the settings the panel shows. */
  messageIdOf?(name: string): number | undefined;
  /** Delivery status polling (defaults: every 3 s for up to 2 min, as `velvet send`). */
  poll?: { intervalMs?: number | undefined; timeoutMs?: number | undefined } | undefined;
}

export interface SendService {
  start(request: SendRequest): Promise<SendState>;
  /** What a send of `email` would use: key set or not, carrier, message id, allow-list. */
  settings(email: string): Promise<SendSettingsInfo>;
  get(id: string): SendState | undefined;
  close(): void;
}

const KEEP = 50;

export function createSendService(options: SendServiceOptions): SendService {
  const sends = new Map<string, SendState>();
  let closed = false;
  const timers = new Set<NodeJS.Timeout>();
  // polling stops with the server: a sleep after close() never ends
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolveSleep) => {
      if (closed) return;
      const t = setTimeout(() => {
        timers.delete(t);
        resolveSleep();
      }, ms);
      timers.add(t);
    });
  const envKey = options.env['YESPO_API_KEY']?.trim();

  const update = (state: SendState, redact: (t: string) => string): void => {
    state.problems = state.problems.map(panelText);
    const safe = JSON.parse(redact(JSON.stringify(state))) as SendState;
    sends.set(state.id, safe);
    while (sends.size > KEEP) {
      const oldest = sends.keys().next().value;
      if (oldest === undefined) break;
      sends.delete(oldest);
    }
    if (!closed) options.channel.send('velvet:send', safe);
  };

  async function follow(state: SendState, client: YespoClient, requestIds: Map<string, string>): Promise<void> {
    try {
      const result = await pollStatus(client, [...requestIds.keys()], {
        timeoutMs: options.poll?.timeoutMs,
        intervalMs: options.poll?.intervalMs,
        sleep,
        onProgress: (statuses) => {
          if (closed) return;
          for (const s of statuses) setRecipient(state, requestIds.get(s.requestId), s.outcome, s.status);
          update(state, client.redact);
        },
      });
      for (const s of result.statuses) {
        const outcome = s.outcome === 'pending' && result.timedOut ? 'unconfirmed' : s.outcome;
        setRecipient(state, requestIds.get(s.requestId), outcome, s.status);
      }
      state.phase = 'done';
    } catch (err) {
      state.phase = 'error';
      state.problems.push(`following delivery failed: ${errorText(err)}`);
    }
    update(state, client.redact);
  }

  return {
    async start(request) {
      const id = randomUUID();
      const state: SendState = { id, email: request.email, phase: 'sending', recipients: [], problems: [], findings: [] };
      let redact = createRedactor(envKey);
      /** Set once the request has gone out: a failure before that means nothing was sent. */
      let sent = false;
      const refuse = (problem: string): SendState => {
        state.phase = 'refused';
        state.problems.push(problem);
        update(state, redact);
        return sends.get(id) as SendState;
      };
      try {
        const dir = options.emailDir(request.email);
        if (dir === undefined) return refuse(`no email '${request.email}' in this project`);
        const source = emailSource();
        const settings = resolveSendSettings(await source.loadSendConfig(dir), options.env);
        if (!settings.apiKey) {
          return refuse('YESPO_API_KEY is not set in the environment of the preview server, so nothing was sent: set it and start `velvet preview` again');
        }
        const client = new YespoClient({ baseUrl: settings.apiUrl, apiKey: settings.apiKey, timeoutMs: settings.timeoutMs });
        redact = (t) => client.redact(createRedactor(envKey)(t));
        let email = await source.prepareEmail(dir, { fixture: request.fixture || undefined, variant: request.variant || undefined });
        if (request.payload !== undefined) {
          const edited = editedEmail(email, request.payload, options.renderEdited);
          if (typeof edited === 'string') return refuse(edited);
          email = edited;
        }
        const rendered = await email.render().catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
        const plan = await planTestSend(
          {
            email: email.name,
            mode: request.mode,
            via: 'smartsend',
            to: request.to,
            payload: email.json,
            rendered,
            messageId: email.meta.messageId,
            from: email.meta.from,
            force: false,
            checks: source.checks?.(dir),
          },
          settings,
        );
        state.subject = plan.subject;
        state.findings = plan.findings.map((f) => ({ severity: f.severity, rule: f.rule, message: f.message }));
        state.problems = [...plan.usageProblems, ...plan.failures];
        if (state.problems.length || !plan.request) {
          state.phase = 'refused';
          update(state, redact);
          return sends.get(id) as SendState;
        }
        // sent exactly once: a send is never retried (a repeat can deliver twice)
        sent = true;
        const response = await executeSend(client, plan.request);
        const summary = summarizeResults(plan.recipients, response.results);
        const requestIds = new Map<string, string>();
        state.recipients = plan.recipients.map((locator): SendRecipientState => {
          const accepted = summary.accepted.find((a) => a.locator.toLowerCase() === locator.toLowerCase());
          if (!accepted) {
            const r = response.results.find((x) => x.locator?.toLowerCase() === locator.toLowerCase());
            return { locator, state: 'rejected', detail: r?.message ?? r?.status ?? 'no result from Yespo' };
          }
          if (accepted.requestId) requestIds.set(accepted.requestId, locator);
          return { locator, state: 'accepted', detail: accepted.requestId ? `request ${accepted.requestId}` : undefined };
        });
        state.phase = requestIds.size ? 'following' : 'done';
        update(state, redact);
        if (requestIds.size) void follow(state, client, requestIds);
      } catch (err) {
        // before the request went out nothing was sent: that is a refusal, not a failed send
        state.phase = sent ? 'error' : 'refused';
        state.problems.push(errorText(err));
        update(state, redact);
      }
      return sends.get(id) as SendState;
    },
    settings(email) {
      return sendSettingsInfo(options.emailDir(email), options.messageIdOf?.(email), options.env);
    },
    get(id) {
      return sends.get(id);
    },
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

function setRecipient(state: SendState, locator: string | undefined, outcome: SendRecipientState['state'], status: string | undefined): void {
  const r = state.recipients.find((x) => x.locator === locator);
  if (r) {
    r.state = outcome;
    r.detail = status;
  }
}

/** The email with the payload shown on screen in place of the fixture's, or why it cannot be sent. */
function editedEmail(email: PreparedEmail, payload: string, render: SendServiceOptions['renderEdited']): PreparedEmail | string {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch (err) {
    return `the edited payload is not valid JSON: ${(err as Error).message}`;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return 'the edited payload must be a JSON object';
  if (!render) return 'this preview cannot send an edited payload';
  return {
    ...email,
    json: json as Record<string, unknown>,
    async render() {
      const r = render({ email: email.name, fixture: email.fixture || undefined, variant: email.variant || undefined, payload });
      if (!r.ok) throw new Error(r.error.message);
      return { subject: r.subject ?? '', preheader: r.preheader, html: r.html };
    },
  };
}

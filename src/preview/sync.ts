/**
 * The preview's "Check Yespo": the sync state of every email, read on demand (never polled) with
 * the same check `velvet status` runs. The key stays on the server; every text that leaves is
 * redacted.
 */
import { YespoClient } from '../yespo/client.js';
import { errorText } from '../yespo/cli-support.js';
import { emailSource } from '../yespo/email-source.js';
import { createRedactor } from '../yespo/redact.js';
import { resolveSendSettings } from '../yespo/settings.js';
import { checkEmails } from '../sync/check.js';
import { readLock } from '../sync/lock.js';
import { emailRefs, readLocals, type SyncProject } from '../sync/project.js';
import { STATE_TEXT } from '../sync/status.js';
import type { ResolvedConfig } from '../project/config.js';
import type { SyncResponse } from './protocol.js';

export interface SyncService {
  check(): Promise<SyncResponse>;
}

export function createSyncService(options: { env: Record<string, string | undefined>; config: () => ResolvedConfig }): SyncService {
  const envKey = options.env['YESPO_API_KEY']?.trim();
  return {
    async check() {
      if (!envKey) return { available: false, reason: 'YESPO_API_KEY is not set in the environment of `velvet preview`' };
      let redact = createRedactor(envKey);
      try {
        const config = options.config();
        const settings = resolveSendSettings(await emailSource().loadSendConfig(config.root), options.env);
        const client = new YespoClient({ baseUrl: settings.apiUrl, apiKey: settings.apiKey, timeoutMs: settings.timeoutMs });
        redact = (t) => client.redact(createRedactor(envKey)(t));
        const project: SyncProject = { root: config.root, config, emailsDir: config.emails, lock: readLock(config.root) };
        const statuses = await checkEmails(client, project.lock, readLocals(project, emailRefs(project, config.root, [])));
        const emails = statuses.map((s) => ({ email: s.name, messageId: s.messageId, state: s.state, text: STATE_TEXT[s.state], here: s.here, yespo: s.yespo }));
        return JSON.parse(redact(JSON.stringify({ available: true, checkedAt: new Date().toISOString(), emails }))) as SyncResponse;
      } catch (err) {
        return { available: true, error: redact(errorText(err)) };
      }
    },
  };
}

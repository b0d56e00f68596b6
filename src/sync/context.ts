/** What the sync commands share: the project, its lock and a Yespo client from the settings. */
import type { CliIO } from '../cli/command.js';
import { clientFor } from '../yespo/cli-support.js';
import type { YespoClient } from '../yespo/client.js';
import { YespoApiError } from '../yespo/errors.js';
import { getMessage, type RemoteMessage } from '../yespo/messages.js';
import { emailSource } from '../yespo/email-source.js';
import { resolveSendSettings } from '../yespo/settings.js';
import { openProject, type SyncProject } from './project.js';

export interface SyncContext {
  project: SyncProject;
  client: YespoClient;
}

export async function openSync(io: CliIO, flags: { apiUrl?: string | undefined; timeoutMs?: number | undefined }): Promise<SyncContext> {
  const project = openProject(io.cwd);
  const settings = resolveSendSettings(await emailSource().loadSendConfig(project.root), io.env, flags);
  return { project, client: clientFor(settings, io) };
}

/** The message, or null when Yespo answers 404 (the id is not in the account). */
export async function getMessageOrNull(client: YespoClient, id: number): Promise<RemoteMessage | null> {
  try {
    return await getMessage(client, id);
  } catch (err) {
    if (err instanceof YespoApiError && err.status === 404) return null;
    throw err;
  }
}

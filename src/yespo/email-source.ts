/**
 * The one place where the Yespo commands meet email folders, fixtures and the renderer
 * (src/project, src/fixtures). Everything else in src/yespo works on plain data, so this adapter
 * is all that changes when those modules change. Tests can swap the source with
 * `setEmailSource`.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, DataError, UsageError } from '../errors.js';
import type { SendConfig } from './settings.js';
import type { RenderedEmail } from './test-send.js';

export interface EmailMetaForSend {
  subject?: string | undefined;
  messageId?: number | undefined;
  from?: string | undefined;
}

/** One email with one chosen fixture variant, ready to send or render. */
export interface PreparedEmail {
  name: string;
  dir: string;
  meta: EmailMetaForSend;
  /** Chosen fixture and variant names ('' when the email has no fixtures). */
  fixture: string;
  variant: string;
  /** The variant's payload as a plain JSON object (sent as jsonParam in data mode). */
  json: Record<string, unknown>;
  /** Renders subject, preheader and HTML locally for this variant. */
  render(): Promise<RenderedEmail>;
}

export interface EmailSource {
  /** The `send` section of the project config that governs `dir`, if there is a config. */
  loadSendConfig(dir: string): Promise<SendConfig | undefined>;
  prepareEmail(dir: string, choice: { fixture?: string | undefined; variant?: string | undefined }): Promise<PreparedEmail>;
}

const CONFIG_FILE = 'velvet.config.json';

/** Finds velvet.config.json in `dir` or the nearest parent folder. */
export async function findConfigFile(dir: string): Promise<string | undefined> {
  let d = resolve(dir);
  for (;;) {
    const f = join(d, CONFIG_FILE);
    try {
      await readFile(f);
      return f;
    } catch {
      const up = dirname(d);
      if (up === d) return undefined;
      d = up;
    }
  }
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new DataError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}

function sendSection(config: unknown, file: string): SendConfig | undefined {
  const send = (config as { send?: unknown } | null)?.send;
  if (send === undefined) return undefined;
  if (!send || typeof send !== 'object') throw new ConfigError(`"send" must be an object`, { file });
  return send as SendConfig;
}

const defaultSource: EmailSource = {
  async loadSendConfig(dir) {
    const file = await findConfigFile(dir);
    return file ? sendSection(await readJson(file), file) : undefined;
  },
  async prepareEmail(dir, choice) {
    void choice;
    throw new UsageError(`cannot load the email folder ${dir}: email folders are not supported in this build yet`);
  },
};

let current: EmailSource = defaultSource;

export function emailSource(): EmailSource {
  return current;
}

/** Replaces the source (tests); returns a function that restores the previous one. */
export function setEmailSource(source: EmailSource): () => void {
  const previous = current;
  current = source;
  return () => {
    current = previous;
  };
}

/**
 * Reads a Generate event fixture: the request body exactly as Yespo takes it. The file text is
 * sent unchanged (so `258.0` stays `258.0`) unless it holds velvet's own keys (`$schema`,
 * `$velvet`), which are not part of the body; then the body is serialised without them.
 */
export async function readEventFixture(file: string): Promise<{ body: Record<string, unknown>; text: string }> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(raw) as unknown;
  } catch (err) {
    throw new DataError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new DataError(`${file} must hold a Generate event body (a JSON object with eventTypeKey, keyValue, params)`);
  }
  const obj = body as Record<string, unknown>;
  if (!('$schema' in obj) && !('$velvet' in obj)) return { body: obj, text: raw.trim() };
  const { $schema, $velvet, ...rest } = obj;
  void $schema;
  void $velvet;
  return { body: rest, text: JSON.stringify(rest) };
}

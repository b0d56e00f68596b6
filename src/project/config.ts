/**
 * velvet.config.json: one defaults table, user options merged over it once, and a resolved,
 * frozen object the rest of velvet reads. Precedence: defaults < config file < overrides (CLI).
 */
import { existsSync, statSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_EMAIL_CLIENTS } from './config-clients.js';
import { CONFIG_CHECKS } from './config-checks.js';
import { readSettingsFile } from './json-file.js';
import { isEmailDir } from './layout.js';
import { isInside, realPathOf } from './paths.js';

export const CONFIG_FILE = 'velvet.config.json';

export type Severity = 'off' | 'info' | 'warn' | 'error';

/** Options as written in velvet.config.json (or passed by the CLI as overrides). */
export interface VelvetConfigInput {
  emails?: string | undefined;
  engine?: { now?: string | number | undefined; timeZone?: string | undefined; locale?: string | undefined } | undefined;
  contactFields?: string[] | undefined;
  send?:
    | {
        allow?: string[] | undefined;
        carrierMessageId?: number | undefined;
        subjectPrefix?: string | undefined;
        apiUrl?: string | undefined;
      }
    | undefined;
  lint?:
    | {
        rules?: Record<string, Severity> | undefined;
        unsubscribePattern?: string | undefined;
        maxImageKB?: number | undefined;
        subjectMaxLength?: number | undefined;
        preheaderMinLength?: number | undefined;
        preheaderMaxLength?: number | undefined;
        minContrast?: number | undefined;
        clients?: string[] | undefined;
      }
    | undefined;
  preview?: { assetsBaseUrl?: string | undefined; assetsDir?: string | undefined } | undefined;
}

export interface ResolvedConfig {
  /** Folder of the config file (or the folder velvet was started in). */
  readonly root: string;
  /** The config file, when there is one. */
  readonly file: string | undefined;
  /** Absolute folder holding the email folders. */
  readonly emails: string;
  readonly engine: Readonly<{ now: string | number | undefined; timeZone: string; locale: string }>;
  readonly contactFields: readonly string[];
  readonly send: Readonly<{
    allow: readonly string[];
    carrierMessageId: number | undefined;
    subjectPrefix: string;
    apiUrl: string;
  }>;
  readonly lint: Readonly<{
    rules: Readonly<Record<string, Severity>>;
    unsubscribePattern: string;
    maxImageKB: number;
    subjectMaxLength: number;
    preheaderMinLength: number;
    preheaderMaxLength: number;
    minContrast: number;
    /** The email clients (names and globs) the client-support rule checks against. */
    clients: readonly string[];
  }>;
  /** The preview shows images under `assetsBaseUrl` from the absolute folder `assetsDir`. */
  readonly preview: Readonly<{ assetsBaseUrl: string | undefined; assetsDir: string }>;
}

/** The defaults table: every option, its default, and what it does. */
export const CONFIG_DEFAULTS = Object.freeze({
  /** Folder holding the email folders, relative to the config file. Default ".". */
  emails: '.',
  engine: Object.freeze({
    /** Fixed "now" for $dateTool (ISO text or epoch millis). Default: the real clock. */
    now: undefined as string | number | undefined,
    /** Organisation time zone for $dateTool. Default "UTC". */
    timeZone: 'UTC',
    /** Locale of $numberTool and $mathTool. Default "en-US". */
    locale: 'en-US',
  }),
  /** Contact field names known to the account, for merge tags. Default: none. */
  contactFields: Object.freeze([] as string[]),
  send: Object.freeze({
    /** Recipients test sends may go to (addresses or patterns). Default: none, so nothing is sent. */
    allow: Object.freeze([] as string[]),
    /** Prepared message carrying test sends of emails without a messageId. Default: none. */
    carrierMessageId: undefined as number | undefined,
    /** Put before the subject of test sends. Default "[TEST] ". */
    subjectPrefix: '[TEST] ',
    /** Yespo API base URL. Default "https://yespo.io/api". */
    apiUrl: 'https://yespo.io/api',
  }),
  lint: Object.freeze({
    /** Severity per rule id; rules not listed keep their own default. Default: none. */
    rules: Object.freeze({}) as Readonly<Record<string, Severity>>,
    /** What marks an unsubscribe link (a case-insensitive regex on a link's URL and text), for output-unsubscribe. */
    unsubscribePattern: String.raw`unsubscri|opt[-_ ]?out|abmelden|abbestell|d[ée]sabonn|d[ée]sinscri|darse de baja|отпис|відпис`,
    /** Largest local image file (project assets) in KB, for output-img-weight. Default 200. */
    maxImageKB: 200,
    /** Longest rendered subject in characters, for output-subject-length. Default 70. */
    subjectMaxLength: 70,
    /** Shortest and longest rendered preheader in characters, for output-preheader-length. Default 30 and 140. */
    preheaderMinLength: 30,
    preheaderMaxLength: 140,
    /** Lowest WCAG contrast ratio of inline text and background colours, for output-contrast. Default 2. */
    minContrast: 2,
    /** Email clients the client-support rule checks (caniemail names and globs). Default: Gmail, Outlook, Apple Mail and Yahoo on their main platforms. */
    clients: DEFAULT_EMAIL_CLIENTS,
  }),
  preview: Object.freeze({
    /** URL prefix of the email's images (e.g. your CDN) that the preview loads from assetsDir. Default: none. */
    assetsBaseUrl: undefined as string | undefined,
    /** Local folder, relative to the config file, holding the files under assetsBaseUrl. Default "assets". */
    assetsDir: 'assets',
  }),
});

/** Merge option layers (lowest precedence first) over the defaults into a frozen config. */
export function normalizeConfig(
  layers: VelvetConfigInput | readonly VelvetConfigInput[],
  where: { root?: string | undefined; file?: string | undefined } = {},
): ResolvedConfig {
  const list = Array.isArray(layers) ? (layers as readonly VelvetConfigInput[]) : [layers as VelvetConfigInput];
  const D = CONFIG_DEFAULTS;
  const root = resolve(where.root ?? process.cwd());
  const pick = <T>(get: (l: VelvetConfigInput) => T | undefined, fallback: T): T => {
    let v = fallback;
    for (const l of list) v = get(l) ?? v;
    return v;
  };
  const rules: Record<string, Severity> = {};
  for (const l of list) Object.assign(rules, l.lint?.rules);
  return Object.freeze({
    root,
    file: where.file,
    emails: resolve(root, pick((l) => l.emails, D.emails)),
    engine: Object.freeze({
      now: pick((l) => l.engine?.now, D.engine.now),
      timeZone: pick((l) => l.engine?.timeZone, D.engine.timeZone),
      locale: pick((l) => l.engine?.locale, D.engine.locale),
    }),
    contactFields: Object.freeze([...pick<readonly string[]>((l) => l.contactFields, D.contactFields)]),
    send: Object.freeze({
      allow: Object.freeze([...pick<readonly string[]>((l) => l.send?.allow, D.send.allow)]),
      carrierMessageId: pick((l) => l.send?.carrierMessageId, D.send.carrierMessageId),
      subjectPrefix: pick((l) => l.send?.subjectPrefix, D.send.subjectPrefix),
      apiUrl: pick((l) => l.send?.apiUrl, D.send.apiUrl).replace(/\/+$/, ''),
    }),
    lint: Object.freeze({
      rules: Object.freeze(rules),
      unsubscribePattern: pick((l) => l.lint?.unsubscribePattern, D.lint.unsubscribePattern),
      maxImageKB: pick((l) => l.lint?.maxImageKB, D.lint.maxImageKB),
      subjectMaxLength: pick((l) => l.lint?.subjectMaxLength, D.lint.subjectMaxLength),
      preheaderMinLength: pick((l) => l.lint?.preheaderMinLength, D.lint.preheaderMinLength),
      preheaderMaxLength: pick((l) => l.lint?.preheaderMaxLength, D.lint.preheaderMaxLength),
      minContrast: pick((l) => l.lint?.minContrast, D.lint.minContrast),
      clients: Object.freeze([...pick<readonly string[]>((l) => l.lint?.clients, D.lint.clients)]),
    }),
    preview: Object.freeze({
      assetsBaseUrl: pick((l) => l.preview?.assetsBaseUrl, D.preview.assetsBaseUrl),
      assetsDir: resolve(root, pick((l) => l.preview?.assetsDir, D.preview.assetsDir)),
    }),
  });
}

/** The nearest velvet.config.json in `startDir` or a folder above it. */
export function findConfig(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file)) return file;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Read, validate (ConfigError with file:line:column) and normalise a config file. */
export function loadConfig(file: string, overrides?: VelvetConfigInput): ResolvedConfig {
  const input = readSettingsFile(file, 'config.schema.json', CONFIG_CHECKS) as VelvetConfigInput;
  const layers = overrides ? [input, overrides] : [input];
  return normalizeConfig(layers, { root: dirname(resolve(file)), file: resolve(file) });
}

/**
 * Throws what loading the project at `dir` would (no folder, an invalid config, an emails folder
 * that is missing or a file) without reading the emails.
 */
export function checkProjectConfig(dir: string): void {
  const start = resolve(dir);
  if (!existsSync(start)) throw new ConfigError('no such folder', { file: start });
  if (!statSync(start).isDirectory()) throw new ConfigError('not a folder', { file: start });
  const file = findConfig(start);
  const config = file ? loadConfig(file) : undefined;
  // as loadProject: an email folder is the project; the root lists the config's emails folder
  if (!config || start !== config.root || isEmailDir(start)) return;
  checkEmailsFolder(config);
}

/**
 * A ConfigError at the config when its emails folder does not exist (unless `missingOk`: a
 * command that creates it), leads out of the project through a symlink, or is a file.
 */
export function checkEmailsFolder(config: ResolvedConfig, missingOk = false): void {
  const base = config.emails;
  const st = statSync(base, { throwIfNoEntry: false });
  if (!st) {
    if (missingOk) return;
    throw new ConfigError(`the emails folder ${base} does not exist`, { file: config.file });
  }
  // the config keeps `emails` inside the project; a symlink must not lead it out either
  if (!isInside(realPathOf(config.root), realPathOf(base))) {
    throw new ConfigError(`the emails folder ${base} leads outside the project folder (through a symlink); not read`, { file: config.file });
  }
  if (!st.isDirectory()) throw new ConfigError(`the emails folder ${base} is not a folder`, { file: config.file ?? base });
}

/**
 * The email clients `lint.clients` can name: the ones the caniemail package (1.0.5) checks,
 * written `family.platform`, and globs over them (`outlook.*`, `*.ios`, `*`). Kept here, not in
 * the linter, so that the config checks can validate the option without loading caniemail.
 */

export const EMAIL_CLIENTS: readonly string[] = [
  'apple-mail.macos', 'apple-mail.ios',
  'gmail.desktop-webmail', 'gmail.ios', 'gmail.android', 'gmail.mobile-webmail',
  'orange.desktop-webmail', 'orange.ios', 'orange.android',
  'outlook.windows', 'outlook.windows-mail', 'outlook.macos', 'outlook.ios', 'outlook.android',
  'yahoo.desktop-webmail', 'yahoo.ios', 'yahoo.android',
  'aol.desktop-webmail', 'aol.ios', 'aol.android',
  'samsung-email.android',
  'sfr.desktop-webmail', 'sfr.ios', 'sfr.android',
  'thunderbird.macos',
  'protonmail.desktop-webmail', 'protonmail.ios', 'protonmail.android',
  'hey.desktop-webmail', 'mail-ru.desktop-webmail', 'fastmail.desktop-webmail', 'laposte.desktop-webmail',
];

/**
 * Default of `lint.clients`: the latest Gmail, Outlook, Apple Mail and Yahoo on the platforms
 * most subscribers read them on. Left out: Outlook for Windows (the Word engine: it lacks most
 * CSS, so emails give it its own markup in `<!--[if mso]>` blocks, which are not checked, and
 * every border-radius would be a warning), Windows Mail (retired) and Gmail's mobile webmail.
 * Add them with `outlook.windows` and so on.
 */
export const DEFAULT_EMAIL_CLIENTS: readonly string[] = [
  'gmail.desktop-webmail', 'gmail.ios', 'gmail.android',
  'outlook.macos', 'outlook.ios', 'outlook.android',
  'apple-mail.macos', 'apple-mail.ios',
  'yahoo.desktop-webmail', 'yahoo.ios', 'yahoo.android',
];

const FAMILIES = [...new Set(EMAIL_CLIENTS.map((c) => c.slice(0, c.indexOf('.'))))];

function globRegex(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** The clients a list of names and globs selects, in the order of EMAIL_CLIENTS. */
export function matchClients(globs: readonly string[]): string[] {
  const res = globs.map(globRegex);
  return EMAIL_CLIENTS.filter((c) => res.some((re) => re.test(c)));
}

/** What is wrong with a `lint.clients` value, or undefined when every entry selects a client. */
export function clientsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const glob of value) {
    if (typeof glob !== 'string' || matchClients([glob]).length > 0) continue;
    const family = glob.split('.')[0] ?? '';
    const known = EMAIL_CLIENTS.filter((c) => c.startsWith(`${family.toLowerCase()}.`));
    const hint = known.length > 0 ? `; ${family} has ${known.join(', ')}` : `; families: ${FAMILIES.join(', ')}`;
    return `unknown email client '${glob}' (write family.platform or a glob such as outlook.* or *.ios${hint})`;
  }
  return undefined;
}

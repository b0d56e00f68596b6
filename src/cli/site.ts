/**
 * The folder `velvet build` writes: one page per fixture variant, `index.html` linking them, and
 * a marker file that says velvet made the folder (and lists what it wrote, so a rebuild removes
 * only its own stale pages). Everything here is pure.
 */
/** Gmail clips a message whose HTML is larger than 102 KB and hides the rest behind a link. */
export const GMAIL_CLIP_BYTES = 102 * 1024;

/** Marker file in the output folder. */
export const MARKER_FILE = '.velvet-build.json';

export interface PageEntry {
  email: string;
  fixture: string | undefined;
  variant: string | undefined;
  /** Fixture description ($velvet.description). */
  description?: string | undefined;
  /** Page path relative to the output folder, with `/` separators; none when nothing was written. */
  file: string | undefined;
  /** The plain-text version of the page, relative to the output folder, when it rendered. */
  textFile?: string | undefined;
  subject?: string | undefined;
  sizeBytes?: number | undefined;
  unknownMergeTags?: number | undefined;
  /** The error line (`file:line:column message`) when the render or the data failed. */
  error?: string | undefined;
}

export function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** The longest page-name part in UTF-8 bytes: two parts, `--`, a counter and `.html` stay under 255. */
const MAX_NAME_BYTES = 120;

/**
 * A file-name-safe form of a fixture or variant name (locators hold `@`, order ids `/`...):
 * letters (with their marks) and digits of any script and `._@+-` stay; every run of anything
 * else (separators, spaces, control and format characters) becomes `_`, and so does a leading dot.
 */
export function safeName(name: string): string {
  const s = name.normalize('NFC').replace(/[^\p{L}\p{M}\p{N}._@+-]+/gu, '_').replace(/^\.+/, '_');
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    bytes += Buffer.byteLength(ch);
    if (bytes > MAX_NAME_BYTES) break;
    out += ch;
  }
  return out.length > 0 ? out : '_';
}

/**
 * Page file of a variant: `<fixture>.html` for a one-variant fixture, `<fixture>--<variant>.html`
 * otherwise; `taken` keeps names unique within an email folder.
 */
export function pageName(fixture: string, variant: string | undefined, taken: Set<string>): string {
  const base = variant === undefined ? safeName(fixture) : `${safeName(fixture)}--${safeName(variant)}`;
  let name = `${base}.html`;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}.html`;
  taken.add(name.toLowerCase());
  return name;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page written in place of a variant that failed, so the index link still explains. */
export function errorPage(entry: PageEntry, detail: string): string {
  const title = `${entry.email} / ${entry.fixture ?? '(no fixture)'}: render failed`;
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body style="font-family:sans-serif;margin:2em">\n<h1 style="color:#b00020;font-size:1.3em">${escapeHtml(title)}</h1>\n<pre style="background:#f6f6f6;padding:1em;overflow:auto">${escapeHtml(detail)}</pre>\n</body></html>\n`;
}

/** The plain-text file beside a page: `x.html` gives `x.txt` (unique, since page names are). */
export function textName(page: string): string {
  return page.replace(/\.html$/, '') + '.txt';
}

/** Status cell text and whether it is a problem. */
export function statusOf(e: PageEntry): { text: string; level: 'ok' | 'warn' | 'error' } {
  if (e.error !== undefined) return { text: `failed: ${e.error}`, level: 'error' };
  const notes: string[] = [];
  if ((e.sizeBytes ?? 0) > GMAIL_CLIP_BYTES) notes.push(`over ${formatSize(GMAIL_CLIP_BYTES)}: Gmail clips it`);
  if (e.unknownMergeTags) notes.push(`${e.unknownMergeTags} unknown merge tag${e.unknownMergeTags === 1 ? '' : 's'}`);
  return notes.length ? { text: notes.join('; '), level: 'warn' } : { text: 'ok', level: 'ok' };
}

/** index.html: one row per page, grouped by email, with subject, size and status. */
export function indexHtml(entries: readonly PageEntry[], title: string): string {
  const colour = { ok: '#1b7f3b', warn: '#a15c00', error: '#b00020' };
  const rows = entries.map((e) => {
    const s = statusOf(e);
    const name = [e.fixture ?? '(no fixtures)', e.variant].filter(Boolean).join(' / ');
    const link = e.file ? `<a href="${escapeHtml(encodeURI(e.file))}">${escapeHtml(name)}</a>` : escapeHtml(name);
    const text = e.textFile ? ` <a class="t" href="${escapeHtml(encodeURI(e.textFile))}">text</a>` : '';
    const desc = e.description ? `<div class="d">${escapeHtml(e.description)}</div>` : '';
    return (
      `<tr class="${s.level}"><td>${escapeHtml(e.email)}</td><td>${link}${text}${desc}</td>` +
      `<td>${escapeHtml(e.subject ?? '')}</td><td class="n">${e.sizeBytes === undefined ? '' : formatSize(e.sizeBytes)}</td>` +
      `<td style="color:${colour[s.level]}">${escapeHtml(s.text)}</td></tr>`
    );
  });
  const failed = entries.filter((e) => e.error !== undefined).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}.n{text-align:right;white-space:nowrap}.d{color:#666;font-size:.85em}.t{font-size:.85em;color:#555}
tr.error{background:#fff3f3}tr.warn{background:#fffaf0}
</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${entries.length} page${entries.length === 1 ? '' : 's'}, ${failed} failed. Sizes above ${formatSize(GMAIL_CLIP_BYTES)} are clipped by Gmail.</p>
<table>
<thead><tr><th>Email</th><th>Fixture / variant</th><th>Subject</th><th>Size</th><th>Status</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</body></html>
`;
}

export interface Marker {
  generator: 'velvet build';
  /** Files written by the last build, relative to the output folder. */
  files: string[];
}

export function markerText(files: readonly string[]): string {
  const m: Marker = { generator: 'velvet build', files: [...files] };
  return `${JSON.stringify(m, null, 2)}\n`;
}

/** The files listed by a marker's text, or undefined when it is not a velvet marker. */
export function parseMarker(text: string): string[] | undefined {
  try {
    const m = JSON.parse(text) as Partial<Marker>;
    if (m.generator !== 'velvet build') return undefined;
    return Array.isArray(m.files) ? m.files.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return undefined;
  }
}

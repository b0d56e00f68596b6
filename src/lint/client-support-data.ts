/**
 * caniemail's support data as the client-support rule reads it: only the latest test of each
 * client counts, as react-email's checks do.
 *
 * caniemail 1.0.5 picks a client's "latest" version by sorting the version keys as text, which
 * is wrong where they mix forms (Outlook for Mac: 2016 < 16.80; Apple Mail iOS: 6.1 > 12.2), and
 * JSON.parse reorders integer-like keys, so the file's own order (which is chronological) is
 * lost too. So the data file is read once with its keys kept in order, and each client's entry
 * in caniemail's data is cut down to its last version, which caniemail's checks then see.
 * "Unknown" results ("u") are treated as no finding (caniemail would count them as partial).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rawData } from 'caniemail';

type Stats = Record<string, Record<string, Record<string, string>>>;
interface Feature {
  title: string;
  category: string;
  stats: Stats;
  notes_by_num: Record<string, string> | null;
}

/** A feature some clients lack: who has no support, who partial, and caniemail's notes. */
export interface Support {
  title: string;
  none: string[];
  partial: string[];
  notesNone: string[];
  notesPartial: string[];
}

let done = false;

/** Cuts caniemail's data down to the latest version of each client (once per process). */
export function useLatestVersions(): void {
  if (done) return;
  done = true;
  const text = readFileSync(createRequire(import.meta.url).resolve('caniemail/caniemail.json'), 'utf8');
  const latest = latestInText(text) ?? latestParsed(text);
  let k = 0;
  for (const feature of features()) {
    for (const family in feature.stats) {
      const platforms = feature.stats[family]!;
      for (const platform in platforms) {
        const l = latest[k++];
        // one entry under one name for every client: caniemail takes the only version there is,
        // and objects of one shape are made fast (twelve thousand of them, at every start)
        if (l !== undefined) platforms[platform] = { latest: l.startsWith('u') ? 'y' : l };
      }
    }
  }
}

/**
 * The result of each client's last test, in the data's order of features, families and
 * platforms (undefined for a client without tests). The file lists versions in the order of
 * their tests, which JSON.parse does not keep (it moves integer-like keys such as "2016" ahead
 * of "16.80"), so they are read from the text: the data came from the same file, so its
 * families and platforms come in the text's order, each version list a flat object of strings.
 * Undefined when the text is not laid out so.
 */
export function latestInText(text: string): (string | undefined)[] | undefined {
  const out: (string | undefined)[] = [];
  let at = text.indexOf('"data"');
  for (const feature of features()) {
    at = text.indexOf('"stats":{', at);
    if (at < 0) return undefined;
    for (const family in feature.stats) {
      at = text.indexOf(`"${family}":{`, at);
      if (at < 0) return undefined;
      for (const platform in feature.stats[family]) {
        const open = text.indexOf(`"${platform}":{`, at);
        const close = text.indexOf('}', open);
        if (open < 0 || close < 0) return undefined;
        const versions = text.slice(open + platform.length + 4, close);
        if (versions.includes('\\') || versions.includes('{')) return undefined;
        const value = versions.lastIndexOf(':"');
        if (value >= 0 && !versions.endsWith('"')) return undefined;
        out.push(value < 0 ? undefined : versions.slice(value + 2, -1));
        at = close;
      }
    }
  }
  return out;
}

/** The same as latestInText, from the whole file parsed with its version keys kept in order. */
export function latestParsed(text: string): (string | undefined)[] {
  // a prefix keeps version keys such as "2016" from being moved ahead of "16.80" by JSON.parse
  const ordered = (JSON.parse(text.replace(/"(\d[^"]*)"(\s*):/g, '"v$1"$2:')) as { data: Feature[] }).data;
  const byTitle = new Map(ordered.map((f) => [f.title, f]));
  const out: (string | undefined)[] = [];
  for (const feature of features()) {
    const source = byTitle.get(feature.title);
    for (const family in feature.stats) {
      for (const platform in feature.stats[family]) {
        const versions = source?.stats[family]?.[platform];
        let last: string | undefined;
        for (const v in versions) last = v;
        out.push(last === undefined ? undefined : versions![last]);
      }
    }
  }
  return out;
}

/** A feature's category in caniemail: html, css, image or others. */
export function featureCategory(title: string): string | undefined {
  return (categories ??= new Map(features().map((f) => [f.title, f.category]))).get(title);
}

let categories: Map<string, string> | undefined;
const features = () => (rawData as unknown as { data: Feature[] }).data;

/** Display names: "Outlook", "Windows Mail". */
export function niceName(kind: 'family' | 'platform', key: string): string {
  const names = (rawData as unknown as { nicenames: Record<string, Record<string, string>> }).nicenames[kind];
  return names?.[key] ?? key;
}

/**
 * CSS functions by name (`calc` → "CSS calc() function", `var` → "CSS Variables"): caniemail
 * 1.0.5 means to detect them in values but compares the wrong side of its table, so it never
 * does; velvet finds them itself and reads their support from the same data.
 */
export function cssFunctions(): ReadonlyMap<string, string> {
  if (functions) return functions;
  functions = new Map([['var', 'CSS Variables (Custom Properties)']]);
  for (const f of features()) {
    if (f.category !== 'css' || f.title.startsWith(':')) continue;
    for (const m of f.title.matchAll(/([a-z-]+)\(\)/g)) if (m[1] !== 'lang') functions.set(m[1]!, f.title);
  }
  return functions;
}
let functions: Map<string, string> | undefined;

/** Support of a feature in `clients` (exact names) from the latest tests, as caniemail reads them; undefined when all support it. */
export function supportOf(title: string, clients: readonly string[]): Support | undefined {
  useLatestVersions();
  const feature = (byTitle ??= new Map(features().map((f) => [f.title, f]))).get(title);
  if (!feature) return undefined;
  const s: Support = { title, none: [], partial: [], notesNone: [], notesPartial: [] };
  for (const client of clients) {
    const [family, platform] = client.split('.') as [string, string];
    const versions = feature.stats[family]?.[platform];
    const value = versions ? Object.values(versions)[0] : undefined;
    if (value === undefined || value.startsWith('y')) continue;
    const none = value.startsWith('n');
    (none ? s.none : s.partial).push(client);
    const notes = none ? s.notesNone : s.notesPartial;
    for (const m of value.matchAll(/#(\d+)/g)) {
      const note = feature.notes_by_num?.[m[1]!];
      if (note && !notes.includes(note)) notes.push(note);
    }
  }
  return s.none.length + s.partial.length > 0 ? s : undefined;
}
let byTitle: Map<string, Feature> | undefined;

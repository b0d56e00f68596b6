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
}

let done = false;

/** Cuts caniemail's data down to the latest version of each client (once per process). */
export function useLatestVersions(): void {
  if (done) return;
  done = true;
  const file = createRequire(import.meta.url).resolve('caniemail/caniemail.json');
  // a prefix keeps version keys such as "2016" from being moved ahead of "16.80" by JSON.parse
  const text = readFileSync(file, 'utf8').replace(/"(\d[^"]*)"(\s*):/g, '"v$1"$2:');
  const ordered = (JSON.parse(text) as { data: Feature[] }).data;
  const byTitle = new Map(ordered.map((f) => [f.title, f]));
  for (const feature of features()) {
    const source = byTitle.get(feature.title);
    if (!source) continue;
    for (const [family, platforms] of Object.entries(feature.stats)) {
      for (const platform of Object.keys(platforms)) {
        const versions = source.stats[family]?.[platform];
        const keys = versions ? Object.keys(versions) : [];
        const last = keys[keys.length - 1];
        if (!versions || last === undefined) continue;
        const value = versions[last]!;
        platforms[platform] = { [last.slice(1)]: value.startsWith('u') ? 'y' : value };
      }
    }
  }
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

/**
 * Local images for the preview: with `preview.assetsBaseUrl` set, the URLs under it in a rendered
 * email point at the project's `preview.assetsDir` instead (served under /__velvet/files/), so
 * an email shows its images with no network while it keeps sending absolute URLs. Only URLs a
 * browser loads are mapped (src, srcset, background and poster attributes, CSS url()); links stay.
 */
import { relative, sep } from 'node:path';
import type { ResolvedConfig } from '../project/index.js';
import { FILES_PREFIX } from './protocol.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A function mapping rendered HTML, or undefined when the config maps nothing (or the folder is outside the project). */
export function assetMapper(config: ResolvedConfig): ((html: string) => string) | undefined {
  const base = config.preview.assetsBaseUrl;
  if (!base) return undefined;
  const rel = relative(config.root, config.preview.assetsDir);
  if (rel.startsWith('..') || rel.includes(':')) return undefined;
  const local = `${FILES_PREFIX}/${rel === '' ? '' : rel.split(sep).map(encodeURIComponent).join('/') + '/'}`;
  const b = escape(base);
  // an attribute that loads something, up to its value's start; or url( with an optional quote
  const attr = new RegExp(`(\\b(?:src|srcset|background|poster)\\s*=\\s*["']?[^"'>]*?)${b}`, 'gi');
  const css = new RegExp(`(url\\(\\s*["']?)${b}`, 'gi');
  return (html) => {
    if (!html.includes(base)) return html;
    let out = html.replace(css, `$1${local}`);
    // srcset lists several URLs: map until nothing changes
    for (let i = 0; i < 16; i++) {
      const next = out.replace(attr, `$1${local}`);
      if (next === out) break;
      out = next;
    }
    return out;
  };
}

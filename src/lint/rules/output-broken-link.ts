import { attr, type OutputElement } from '../output-doc.js';
import { elementPlace, linksAndImages } from '../output-report.js';
import { urlKind } from '../urls.js';
import { defineRule } from '../util.js';

const CHECKED: ReadonlySet<string> = new Set(['a', 'area', 'v:roundrect', 'img']);

/**
 * With `velvet lint --check-links` only: links and images whose URL does not answer, or answers
 * with an HTTP error. Every URL is requested once, whatever the number of fixtures and emails.
 */
export const outputBrokenLink = defineRule(
  { id: 'output-broken-link', description: 'Links and images whose URL fails a HEAD request (only with --check-links)', defaultSeverity: 'warning', needs: 'renders' },
  async (c) => {
    const checker = c.links;
    if (!checker || !c.ast) return;
    const places: { label: string; el: OutputElement; url: string }[] = [];
    for (const r of c.renders()) {
      const doc = r.document();
      if (!doc) continue;
      for (const el of linksAndImages(doc)) {
        if (!CHECKED.has(el.name)) continue;
        const url = attr(el, el.name === 'img' ? 'src' : 'href')?.trim();
        if (url && urlKind(url).kind === 'web') places.push({ label: r.label, el, url });
      }
    }
    const status = new Map(await Promise.all([...new Set(places.map((p) => p.url))].map(async (u) => [u, await checker.check(u)] as const)));
    for (const p of places) {
      const s = status.get(p.url)!;
      if (s.ok) continue;
      const what = p.el.name === 'img' ? 'The image' : 'The link';
      c.report({ message: `${what} ${p.url.length > 80 ? `${p.url.slice(0, 77)}...` : p.url} fails: ${s.problem}`, fixture: p.label, output: elementPlace(p.el) });
    }
  },
);

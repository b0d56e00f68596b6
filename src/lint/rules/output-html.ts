import { linkTags, tagLocator, type Tag } from '../output.js';
import type { RuleContext } from '../types.js';
import { defineRule } from '../util.js';

/** Runs `check` on the link and image tags of every rendered fixture; findings point at the template tag. */
function eachTag(c: RuleContext, check: (tag: Tag) => string | undefined): void {
  if (!c.ast) return;
  const locate = tagLocator(c.source);
  for (const r of c.renders()) {
    if (r.result.html === undefined) continue;
    for (const tag of linkTags(r.result.html, r.result)) {
      const message = check(tag);
      if (message) c.report({ message, span: locate(tag) ?? { start: 0, end: 0 }, fixture: r.label });
    }
  }
}

export const outputEmptyUrl = defineRule(
  { id: 'output-empty-url', description: 'Links and images whose href or src renders empty', defaultSeverity: 'warning', needs: 'renders' },
  (c) =>
    eachTag(c, (tag) => {
      for (const attr of ['href', 'src']) {
        const v = tag.attrs.get(attr);
        if (v === undefined) continue;
        if (v.trim() === '') return `<${tag.name}> has an empty ${attr}`;
        if (/^\s*\?/.test(v)) return `<${tag.name}> has an ${attr} with only a query string ('${v.slice(0, 40)}'): the URL part is empty`;
      }
      return undefined;
    }),
);

export const outputImgAlt = defineRule(
  { id: 'output-img-alt', description: 'Images without an alt attribute in the rendered output', defaultSeverity: 'warning', needs: 'renders' },
  (c) => eachTag(c, (tag) => (tag.name === 'img' && !tag.attrs.has('alt') ? '<img> has no alt attribute (use alt="" for decoration)' : undefined)),
);

export const outputInsecureLink = defineRule(
  { id: 'output-insecure-link', description: 'http:// links and images in the rendered output', defaultSeverity: 'warning', needs: 'renders' },
  (c) =>
    eachTag(c, (tag) => {
      for (const attr of ['href', 'src']) {
        const v = tag.attrs.get(attr);
        if (v && /^\s*http:\/\//i.test(v)) return `<${tag.name}> ${attr} uses http:// ('${v.slice(0, 60)}'); use https://`;
      }
      return undefined;
    }),
);

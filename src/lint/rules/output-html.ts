import { attr, type OutputElement } from '../output-doc.js';
import { eachOutput, linksAndImages } from '../output-report.js';
import type { RuleContext } from '../types.js';
import { defineRule } from '../util.js';

/** Runs `check` on the link and image elements of every rendered fixture. */
function eachTag(c: RuleContext, check: (el: OutputElement) => string | undefined): void {
  eachOutput(c, (o) => {
    for (const el of linksAndImages(o.doc)) {
      const message = check(el);
      if (message) o.element(el, message);
    }
  });
}

/** The attributes that hold a link's or an image's URL. */
const URL_ATTRS = ['href', 'src'] as const;

export const outputEmptyUrl = defineRule(
  { id: 'output-empty-url', description: 'Links and images whose href or src renders empty', defaultSeverity: 'warning', needs: 'renders' },
  (c) =>
    eachTag(c, (el) => {
      for (const name of URL_ATTRS) {
        const v = attr(el, name);
        if (v === undefined) continue;
        if (v.trim() === '') return `<${el.name}> has an empty ${name}`;
        if (/^\s*\?/.test(v)) return `<${el.name}> has an ${name} with only a query string ('${v.slice(0, 40)}'): the URL part is empty`;
      }
      return undefined;
    }),
);

export const outputImgAlt = defineRule(
  { id: 'output-img-alt', description: 'Images without an alt attribute in the rendered output', defaultSeverity: 'warning', needs: 'renders' },
  (c) => eachTag(c, (el) => (el.name === 'img' && attr(el, 'alt') === undefined ? '<img> has no alt attribute (use alt="" for decoration)' : undefined)),
);

export const outputInsecureLink = defineRule(
  { id: 'output-insecure-link', description: 'http:// links and images in the rendered output', defaultSeverity: 'warning', needs: 'renders' },
  (c) =>
    eachTag(c, (el) => {
      for (const name of URL_ATTRS) {
        const v = attr(el, name);
        if (v && /^\s*http:\/\//i.test(v)) return `<${el.name}> ${name} uses http:// ('${v.slice(0, 60)}'); use https://`;
      }
      return undefined;
    }),
);

import { attr, textOf, type OutputElement } from '../output-doc.js';
import { eachOutput, linksAndImages } from '../output-report.js';
import { hostOf, urlKind } from '../urls.js';
import { defineRule } from '../util.js';

/** Elements a reader clicks. */
const LINKS: ReadonlySet<string> = new Set(['a', 'area', 'v:roundrect']);
/** Elements that load an image. */
const IMAGES: ReadonlySet<string> = new Set(['img', 'v:imagedata', 'v:fill']);
export const LINKS_AND_IMAGES: ReadonlySet<string> = new Set([...LINKS, ...IMAGES]);

const short = (v: string) => (v.length > 60 ? `${v.slice(0, 57)}...` : v);

/** The problem with a link's href or an image's src, if any. */
export function urlProblem(el: OutputElement): string | undefined {
  const link = LINKS.has(el.name);
  const name = link ? 'href' : 'src';
  const v = attr(el, name);
  if (v === undefined || v.trim() === '') return undefined; // output-empty-url
  const k = urlKind(v);
  const what = `<${el.name}> ${name}`;
  switch (k.kind) {
    case 'placeholder':
      return undefined;
    case 'fragment':
      return link && k.fragment === '' ? `${what} is the placeholder '#': the link goes nowhere` : undefined;
    case 'relative':
      return `${what} is relative ('${short(v.trim())}'): an email has no page to resolve it against; write the whole https:// URL`;
    case 'scheme-relative':
      return `${what} has no scheme ('${short(v.trim())}'): in a mail client it opens as file: or not at all; write https://`;
    case 'scheme':
      if (k.scheme === 'javascript') return `${what} runs JavaScript ('${short(v.trim())}'): mail clients remove or block it`;
      if (k.scheme === 'file') return `${what} points at a local file ('${short(v.trim())}')`;
      return undefined;
    case 'web':
      return k.local ? `${what} points at a local address (${k.host}): readers cannot reach it` : undefined;
  }
}

export const outputLinkUrl = defineRule(
  {
    id: 'output-link-url',
    description: "Links and images that render to javascript:, relative, scheme-less or local (localhost) URLs, or to the '#' placeholder",
    defaultSeverity: 'warning',
    needs: 'renders',
  },
  (c) =>
    eachOutput(c, (o) => {
      for (const el of linksAndImages(o.doc)) {
        if (!LINKS_AND_IMAGES.has(el.name)) continue;
        const message = urlProblem(el);
        if (message) o.element(el, message);
      }
    }),
);

/** Link text that reads as a web address: `https://...`, `www.x.y` or `name.tld/...`. */
const URL_TEXT = /^(?:https?:\/\/\S+|www\.[^\s/]+\.\S+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/\S*)?)$/i;

/** `example.com` for `www.example.com`: hosts that differ only by www are the same site. */
const site = (host: string) => host.replace(/^www\./, '');

export const outputLinkText = defineRule(
  {
    id: 'output-link-text',
    description: 'Links whose text is a web address other than the one they open',
    defaultSeverity: 'warning',
    needs: 'renders',
  },
  (c) =>
    eachOutput(c, (o) => {
      for (const el of linksAndImages(o.doc)) {
        if (!LINKS.has(el.name)) continue;
        const href = attr(el, 'href');
        if (!href) continue;
        const k = urlKind(href);
        if (k.kind !== 'web') continue;
        const text = textOf(el);
        if (!URL_TEXT.test(text) || text.includes('%')) continue;
        const shown = site(hostOf(/^https?:\/\//i.test(text) ? text : `https://${text}`));
        if (shown && shown !== site(k.host) && !site(k.host).endsWith(`.${shown}`)) {
          o.element(el, `The link text shows ${shown} but the link opens ${k.host}: readers and spam filters take this for phishing`);
        }
      }
    }),
);

export const outputUnsubscribe = defineRule(
  {
    id: 'output-unsubscribe',
    description: 'Emails whose rendered HTML has no unsubscribe link (Yespo requires one in every bulk email)',
    defaultSeverity: 'warning',
    needs: 'renders',
  },
  (c) => {
    let pattern: RegExp;
    try {
      pattern = new RegExp(c.config.lint.unsubscribePattern, 'i');
    } catch {
      return; // the config check reports a pattern that does not compile
    }
    eachOutput(c, (o) => {
      // a fragment (no <html> or <body> of its own) is a part of an email, not a whole one
      if (!o.doc.whole) return;
      const says = (t: string | undefined) => t !== undefined && pattern.test(t.slice(0, 2000));
      // from the last link: the unsubscribe link is in the footer
      const links = linksAndImages(o.doc);
      let found = false;
      for (let i = links.length - 1; i >= 0 && !found; i--) {
        const el = links[i]!;
        if (!LINKS.has(el.name)) continue;
        found = says(attr(el, 'href')) || says(attr(el, 'title')) || says(attr(el, 'aria-label')) || says(textOf(el));
      }
      if (!found) o.element(o.doc.top('body'), 'The email has no unsubscribe link (a link whose URL or text matches lint.unsubscribePattern); Yespo requires one in every bulk email');
    });
  },
);

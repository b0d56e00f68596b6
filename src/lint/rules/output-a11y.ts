import { attr, childrenOf, descendantsOf, textOf, type OutputElement } from '../output-doc.js';
import { eachOutput, elementsNamed } from '../output-report.js';
import { defineRule } from '../util.js';

export const outputHtmlLang = defineRule(
  { id: 'output-html-lang', description: 'Rendered HTML whose <html> has no lang attribute', defaultSeverity: 'warning', needs: 'renders' },
  (c) =>
    eachOutput(c, (o) => {
      // a fragment (no <html> or <body> tag of its own) is a part of an email
      if (!o.doc.whole) return;
      const html = o.doc.top('html');
      const lang = attr(html, 'lang') ?? attr(html, 'xml:lang');
      if (!lang?.trim()) o.element(html, '<html> has no lang attribute: screen readers read the email in the wrong language (e.g. <html lang="en">)');
    }),
);

const TABLE: ReadonlySet<string> = new Set(['table']);

/** Whether a table has the parts of a data table (headers, a caption), outside the tables nested in it. */
function isDataTable(el: OutputElement): boolean {
  if (attr(el, 'summary') !== undefined) return true;
  // no recursion: a template may nest elements as deep as it likes
  const todo = [el];
  for (let n = todo.pop(); n; n = todo.pop()) {
    for (const ch of childrenOf(n)) {
      if (ch.name === 'th' || ch.name === 'caption' || ch.name === 'thead') return true;
      if (ch.name !== 'table') todo.push(ch);
    }
  }
  return false;
}

export const outputTableRole = defineRule(
  { id: 'output-table-role', description: 'Layout tables (no th, caption or thead) without role="presentation"', defaultSeverity: 'warning', needs: 'renders' },
  (c) =>
    eachOutput(c, (o) => {
      for (const el of elementsNamed(o.doc, TABLE)) {
        if (attr(el, 'role') !== undefined || isDataTable(el)) continue;
        o.element(el, 'A layout <table> has no role="presentation": screen readers announce its rows and columns');
      }
    }),
);

const A: ReadonlySet<string> = new Set(['a']);

export const outputLinkImgAlt = defineRule(
  { id: 'output-link-img-alt', description: 'Links made only of images without alt text (the link has no name)', defaultSeverity: 'warning', needs: 'renders' },
  (c) =>
    eachOutput(c, (o) => {
      for (const el of elementsNamed(o.doc, A)) {
        if (attr(el, 'aria-label')?.trim() || attr(el, 'title')?.trim() || textOf(el) !== '') continue;
        const images = descendantsOf(el)
          .filter((d) => d.name === 'img')
          .map((img) => attr(img, 'alt')?.trim() ?? '');
        if (images.length > 0 && images.every((alt) => alt === '')) {
          o.element(el, 'A link holds only an image without alt text: screen readers have no name for it (say where it leads in the alt)');
        }
      }
    }),
);

export const outputHeadingOrder = defineRule(
  { id: 'output-heading-order', description: 'Headings that skip a level (an <h4> right after an <h2>)', defaultSeverity: 'warning', needs: 'renders' },
  (c) =>
    eachOutput(c, (o) => {
      let prev = 0;
      for (const el of o.doc.elements) {
        const m = /^h([1-6])$/.exec(el.name);
        if (!m) continue;
        const level = Number(m[1]);
        if (prev > 0 && level > prev + 1) {
          o.element(el, `<h${level}> follows <h${prev}>: heading levels skip ${level - prev === 2 ? `h${prev + 1}` : `h${prev + 1} to h${level - 1}`}, and screen reader users lose the outline`);
        }
        prev = level;
      }
    }),
);

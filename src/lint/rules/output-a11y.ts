import { attr, childrenOf, descendantsOf, textOf, type OutputElement } from '../output-doc.js';
import { eachOutput, linksAndImages } from '../output-report.js';
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
      // the document's tables, then those of Outlook's conditional comments
      for (const list of [o.doc.elements, o.doc.conditional]) {
        for (const el of list) {
          if (el.name !== 'table' || attr(el, 'role') !== undefined || isDataTable(el)) continue;
          o.element(el, 'A layout <table> has no role="presentation": screen readers announce its rows and columns');
        }
      }
    }),
);

export const outputLinkImgAlt = defineRule(
  { id: 'output-link-img-alt', description: 'Links made only of images without alt text (the link has no name)', defaultSeverity: 'warning', needs: 'renders' },
  (c) =>
    eachOutput(c, (o) => {
      for (const el of linksAndImages(o.doc)) {
        if (el.name !== 'a' || attr(el, 'aria-label')?.trim() || attr(el, 'title')?.trim() || !onlyImagesWithoutAlt(el)) continue;
        // the text last: most links have text or no image, and their text need not be read
        if (textOf(el) === '') {
          o.element(el, 'A link holds only an image without alt text: screen readers have no name for it (say where it leads in the alt)');
        }
      }
    }),
);

/** Whether an element holds images and none of them has alt text. */
function onlyImagesWithoutAlt(el: OutputElement): boolean {
  let images = 0;
  for (const d of descendantsOf(el)) {
    if (d.name !== 'img') continue;
    if (attr(d, 'alt')?.trim()) return false;
    images++;
  }
  return images > 0;
}

/** 1 to 6 for h1 to h6, else 0 (no regular expression: every element's name is asked). */
function headingLevel(name: string): number {
  if (name.length !== 2 || name.charCodeAt(0) !== 104) return 0;
  const d = name.charCodeAt(1) - 48;
  return d >= 1 && d <= 6 ? d : 0;
}

export const outputHeadingOrder = defineRule(
  { id: 'output-heading-order', description: 'Headings that skip a level (an <h4> right after an <h2>)', defaultSeverity: 'warning', needs: 'renders' },
  (c) =>
    eachOutput(c, (o) => {
      let prev = 0;
      for (const el of o.doc.elements) {
        const level = headingLevel(el.name);
        if (level === 0) continue;
        if (prev > 0 && level > prev + 1) {
          o.element(el, `<h${level}> follows <h${prev}>: heading levels skip ${level - prev === 2 ? `h${prev + 1}` : `h${prev + 1} to h${level - 1}`}, and screen reader users lose the outline`);
        }
        prev = level;
      }
    }),
);

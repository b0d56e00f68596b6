/**
 * The plain-text version of rendered email HTML, as html-to-text makes it with the settings
 * email tooling uses (react-email's): no wrapping, no images (but the alt text of a linked
 * image), links without brackets and without the address when it is the link's text, nothing
 * marked `data-skip-in-text`, and no preheader padding (͏, &zwnj;, runs of &nbsp;).
 *
 * The settings are plain data so the worker (text-worker.ts) applies exactly the same ones.
 */
import { convert, type HtmlToTextOptions } from 'html-to-text';

/** html-to-text settings; `linkedImage` prints the alt text of an image inside a link, else nothing. */
export const TEXT_OPTIONS = {
  wordwrap: false,
  selectors: [
    { selector: 'img', format: 'linkedImage' },
    { selector: '[data-skip-in-text=true]', format: 'skip' },
    { selector: 'a', options: { linkBrackets: false, hideLinkHrefIfSameAsText: true } },
  ],
} as const;

/** Invisible characters that preheaders are padded with (U+034F, zero-width ones, soft hyphen). */
export const PADDING = '[\\u034f\\u200b-\\u200d\\u2060\\ufeff\\u00ad]';

/** Removes preheader padding and the space it leaves; at most one blank line in a row. */
export function cleanText(text: string): string {
  return text
    .replace(new RegExp(PADDING, 'g'), '')
    .replace(/[\u00a0 \t]{2,}/g, ' ')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const options: HtmlToTextOptions = {
  ...(TEXT_OPTIONS as unknown as HtmlToTextOptions),
  formatters: {
    linkedImage: (elem, _walk, builder) => {
      const alt = linkedImageAlt(elem as unknown as Node);
      if (alt) builder.addInline(alt);
    },
  },
};

interface Node {
  name?: string;
  attribs?: Record<string, string>;
  parent?: Node | null;
}

/** The alt text of an image that sits inside a link (its text there); '' for any other image. */
function linkedImageAlt(img: Node): string {
  for (let p = img.parent; p; p = p.parent) if (p.name === 'a') return img.attribs?.['alt'] ?? '';
  return '';
}

/** Plain text of `html`, in this thread (linear in the size of the HTML). */
export function htmlToText(html: string): string {
  return cleanText(convert(html, options));
}

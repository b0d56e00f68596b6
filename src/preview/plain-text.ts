/**
 * A plain-text version of rendered email HTML, close to what mail clients show when HTML is off:
 * no head, styles, scripts or comments; block elements and <br> become line breaks; links keep
 * their address; entities are decoded; runs of blank lines collapse.
 */

const BLOCK = /^(?:p|div|table|tr|h[1-6]|ul|ol|li|section|article|header|footer|blockquote|pre|hr|center|tbody|thead|tfoot)$/i;

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', reg: '®', trade: '™',
  mdash: '—', ndash: '–', hellip: '…', laquo: '«', raquo: '»', rsquo: '’', lsquo: '‘', ldquo: '“',
  rdquo: '”', bull: '•', middot: '·', euro: '€', zwnj: '', zwj: '', shy: '',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

export function htmlToText(html: string): string {
  let s = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(head|style|script|title|noscript)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n');
  // links: "text (url)" unless the text already is the url
  s = s.replace(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi, (_m, attrs: string, inner: string) => {
    const href = /\bhref\s*=\s*("([^"]*)"|'([^']*)')/i.exec(attrs);
    const url = decodeEntities(href?.[2] ?? href?.[3] ?? '').trim();
    const text = inner.replace(/<[^>]*>/g, '').trim();
    if (!url || url.startsWith('#') || /^mailto:/i.test(url) || decodeEntities(text) === url) return inner;
    return `${inner} (${url})`;
  });
  s = s.replace(/<\/?([a-z][a-z0-9]*)\b[^>]*>/gi, (_m, tag: string) => {
    if (tag.toLowerCase() === 'li') return '\n• ';
    if (tag.toLowerCase() === 'td' || tag.toLowerCase() === 'th') return ' ';
    return BLOCK.test(tag) ? '\n' : '';
  });
  s = decodeEntities(s.replace(/<[^>]*>/g, ''));
  return s
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

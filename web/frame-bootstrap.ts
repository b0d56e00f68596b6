/**
 * The document the email frame starts with. The frame is sandboxed without allow-same-origin, so
 * the UI cannot touch its DOM: instead this small script receives each render by postMessage,
 * swaps the whole document in place and restores the scroll position, so an update never
 * flashes or jumps to the top. Links open outside the frame; dark mode rewrites the email's own
 * `prefers-color-scheme` rules, or inverts colours as some clients do when it has none.
 *
 * Email clients run no scripts, and neither does the preview: the document's Content Security
 * Policy allows this bootstrap script alone (by a nonce made for each frame), so a template's
 * `<script>`, inline handlers (`onerror=`) and `javascript:` URLs never run, and nothing but
 * images, stylesheets, fonts and media is fetched. The UI gives every email and fixture a fresh
 * frame, so a document never sees the renders of another.
 */
function bootstrap(): void {
  let dark = false;
  const original = new WeakMap<MediaList, string>();
  const DARK = /\(\s*prefers-color-scheme\s*:\s*dark\s*\)/gi;
  const LIGHT = /\(\s*prefers-color-scheme\s*:\s*light\s*\)/gi;

  const applyDark = (): void => {
    let rules = 0;
    for (const sheet of Array.from(document.styleSheets)) {
      let list: CSSRuleList;
      try {
        list = sheet.cssRules;
      } catch {
        continue; // a cross-origin stylesheet
      }
      for (const rule of Array.from(list)) {
        if (!(rule instanceof CSSMediaRule)) continue;
        const media = rule.media;
        const text = original.get(media) ?? media.mediaText;
        if (!/prefers-color-scheme/i.test(text)) continue;
        original.set(media, text);
        rules++;
        media.mediaText = dark
          ? text.replace(DARK, '(min-width: 0px)').replace(LIGHT, '(max-width: 0px)')
          : text.replace(DARK, '(max-width: 0px)').replace(LIGHT, '(min-width: 0px)');
      }
    }
    const root = document.documentElement;
    root.style.colorScheme = dark ? 'dark' : '';
    let invert = document.getElementById('__velvet_invert');
    if (dark && rules === 0) {
      if (!invert) {
        invert = document.createElement('style');
        invert.id = '__velvet_invert';
        invert.textContent =
          'html{filter:invert(1) hue-rotate(180deg);background:#fff}' +
          'img,picture,video,[style*="background-image"]{filter:invert(1) hue-rotate(180deg)}';
        document.head.appendChild(invert);
      }
    } else invert?.remove();
  };

  const swap = (html: string, base: string): void => {
    const x = window.scrollX;
    const y = window.scrollY;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    // a refresh would navigate the frame away from this document (and its policy)
    for (const meta of Array.from(doc.querySelectorAll('meta[http-equiv]'))) {
      if (/^\s*refresh\s*$/i.test(meta.getAttribute('http-equiv') ?? '')) meta.remove();
    }
    if (base && !doc.querySelector('base')) {
      const b = doc.createElement('base');
      b.href = base;
      doc.head.prepend(b);
    }
    document.replaceChild(document.adoptNode(doc.documentElement), document.documentElement);
    applyDark();
    window.scrollTo(x, y);
  };

  window.addEventListener('message', (event) => {
    if (event.source !== window.parent) return;
    const m = event.data as { type?: string; html?: string; base?: string; dark?: boolean; version?: number };
    if (m.type === 'velvet:show' && typeof m.html === 'string') {
      dark = m.dark === true;
      swap(m.html, m.base ?? '');
      window.parent.postMessage({ type: 'velvet:shown', version: m.version }, '*');
    } else if (m.type === 'velvet:dark') {
      dark = m.dark === true;
      applyDark();
    }
  });

  document.addEventListener(
    'click',
    (event) => {
      const a = (event.target as Element | null)?.closest?.('a[href]');
      if (!a) return;
      event.preventDefault();
      const href = (a as HTMLAnchorElement).href;
      if (/^https?:/i.test(href)) window.parent.postMessage({ type: 'velvet:link', href }, '*');
      else if (href.includes('#')) document.getElementById(href.slice(href.indexOf('#') + 1))?.scrollIntoView();
    },
    true,
  );
  // forms in an email would navigate the frame away from this document
  document.addEventListener('submit', (event) => event.preventDefault(), true);

  window.parent.postMessage({ type: 'velvet:ready' }, '*');
}

/** The frame's policy: only the script carrying `nonce`; images, CSS, fonts and media from anywhere. */
export function frameCsp(nonce: string): string {
  const assets = 'data: blob: http: https:';
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `img-src ${assets}`,
    `style-src 'unsafe-inline' http: https:`,
    `font-src ${assets}`,
    `media-src ${assets}`,
    "form-action 'none'",
  ].join('; ');
}

/** A random nonce for one frame document. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bootstrap document of one frame, its script allowed by `nonce` and nothing else. */
export function frameBootstrap(nonce: string): string {
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${frameCsp(nonce)}">` +
    `</head><body><script nonce="${nonce}">(${bootstrap.toString()})();</script></body></html>`
  );
}

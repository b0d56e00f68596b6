/**
 * The document the email frame starts with. The frame is sandboxed without allow-same-origin, so
 * the UI cannot touch its DOM: instead this small script receives each render by postMessage,
 * swaps the whole document in place and restores the scroll position, so an update never
 * flashes or jumps to the top. Nothing navigates the frame: links open outside it; dark mode rewrites the email's own
 * `prefers-color-scheme` rules, or inverts colours as some clients do when it has none.
 *
 * Email clients run no scripts, and neither does the preview: the document's Content Security
 * Policy allows this bootstrap script alone (by a nonce made for each frame), so a template's
 * `<script>`, inline handlers (`onerror=`) and `javascript:` URLs never run, and nothing but
 * images, stylesheets, fonts and media is fetched. The UI gives every email and fixture a fresh
 * frame, so a document never sees the renders of another.
 *
 * A finding on the rendered output can be shown: `velvet:highlight` with an element index
 * outlines that element until the next click or render.
 */
function bootstrap(nonce: string): void {
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

  // The elements of the render in document order, as the parsed HTML has them: findings on the
  // output name an element by its index here (before the preview adds a <base> or drops a refresh).
  let elements: Element[] = [];
  /** The element outlined for a finding, and its style attribute as it was. */
  let marked: { el: Element; style: string | null } | undefined;
  const unmark = (): void => {
    if (!marked) return;
    if (marked.style === null) marked.el.removeAttribute('style');
    else marked.el.setAttribute('style', marked.style);
    marked = undefined;
  };
  /** Outlines element `index` (an outline takes no room: the layout stays as it is) and scrolls to it. */
  const mark = (index: number): boolean => {
    unmark();
    const el = elements[index];
    if (!el || !el.isConnected || !(el instanceof HTMLElement || el instanceof SVGElement)) return false;
    marked = { el, style: el.getAttribute('style') };
    el.style.setProperty('outline', '3px solid #5b3fd6', 'important');
    el.style.setProperty('outline-offset', '2px', 'important');
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
    return true;
  };

  const swap = (html: string, base: string): void => {
    const x = window.scrollX;
    const y = window.scrollY;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    marked = undefined;
    // DOMParser parses with scripting off, a page (and parse5, which lint uses) with it on: then
    // a <noscript> holds text, not elements, so what is inside one does not count
    elements = Array.from(doc.getElementsByTagName('*')).filter((e) => !e.parentElement?.closest('noscript'));
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

  // The UI accepts only the ready message that carries this document's nonce, and from then on
  // talks to this document alone, over the channel it creates here: should anything ever get
  // another page into the frame, that page has neither the nonce nor the port.
  const channel = new MessageChannel();
  const port = channel.port1;
  port.onmessage = (event) => {
    const m = event.data as { type?: string; html?: string; base?: string; dark?: boolean; version?: number; element?: unknown };
    if (m.type === 'velvet:show' && typeof m.html === 'string') {
      dark = m.dark === true;
      swap(m.html, m.base ?? '');
      port.postMessage({ type: 'velvet:shown', version: m.version });
    } else if (m.type === 'velvet:dark') {
      dark = m.dark === true;
      applyDark();
    } else if (m.type === 'velvet:highlight') {
      // an element index, or null to clear; anything else is ignored
      const index = m.element;
      if (index === null) unmark();
      else if (typeof index === 'number' && Number.isSafeInteger(index) && index >= 0) {
        port.postMessage({ type: 'velvet:highlighted', element: index, found: mark(index) });
      }
    }
  };

  const XLINK = 'http://www.w3.org/1999/xlink';
  /** Every link-like element: HTML and SVG <a> (href or xlink:href) and image-map <area>. */
  const linkOf = (target: EventTarget | null): Element | null => {
    const el = target instanceof Element ? target : target instanceof Node ? target.parentElement : null;
    return el?.closest('a, area') ?? null;
  };
  const rawHref = (el: Element): string | null => el.getAttribute('href') ?? el.getAttributeNS(XLINK, 'href');
  // No link ever navigates the frame: http(s) links go to the UI, which opens them in a new tab;
  // in-page anchors scroll; anything else (javascript:, data:, mailto:) does nothing.
  const hold = (event: MouseEvent): void => {
    const el = linkOf(event.target);
    if (!el) return;
    event.preventDefault();
    const raw = rawHref(el)?.trim();
    if (event.type !== 'click' || !raw) return;
    if (raw.startsWith('#')) {
      try {
        document.getElementById(decodeURIComponent(raw.slice(1)))?.scrollIntoView();
      } catch {
        // a malformed escape: no such anchor
      }
      return;
    }
    let href: string;
    try {
      href = new URL(raw, document.baseURI).href;
    } catch {
      return;
    }
    if (/^https?:/i.test(href)) port.postMessage({ type: 'velvet:link', href });
  };
  // a click into the email ends the highlight of a finding
  document.addEventListener('click', unmark, true);
  document.addEventListener('click', hold, true);
  document.addEventListener('auxclick', hold, true);
  // forms in an email would navigate the frame away from this document
  document.addEventListener('submit', (event) => event.preventDefault(), true);
  // a click into the email moves the focus here: hand the UI's shortcut keys back to it
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const t = event.target as Element | null;
    if (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
    if (/^[jkd123]$/.test(event.key)) {
      event.preventDefault();
      port.postMessage({ type: 'velvet:key', key: event.key });
    }
  });

  window.parent.postMessage({ type: 'velvet:ready', nonce }, '*', [channel.port2]);
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
    `</head><body><script nonce="${nonce}">(${bootstrap.toString()})(${JSON.stringify(nonce)});</script></body></html>`
  );
}

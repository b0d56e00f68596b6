/**
 * Client support of a rendered HTML, with caniemail: which features each start tag, inline
 * declaration and `<style>` block uses that some of the chosen clients support only partly or
 * not at all, with output offsets.
 *
 * caniemail checks a whole document in one call, which costs tens of milliseconds for a typical
 * email, and the same tags and declarations come back in every fixture and every email. So each
 * distinct start tag (its attribute values blanked where caniemail ignores them), each distinct
 * declaration and each distinct style block is given to caniemail once, as a small document of
 * its own, and the answer is kept. caniemail's feature matching compares names as substrings
 * (`line-height` would count as the `height` property, `<tbody>` as `<body>`); those matches are
 * dropped here.
 */
import { caniemail, rawData } from 'caniemail';
import { cssFunctions, supportOf, useLatestVersions, type Support } from './client-support-data.js';
import { FUNCTION, PROPERTY_TITLE, atRules, functionsIn, lineStarts, placeOf } from './client-support-css.js';
import { parseTag, type ScannedTag } from './client-support-scan.js';
import { TextMemo } from './memo.js';
import { parseOutput, TagSlot, type OutputDocument } from './output-doc.js';

export type { Support };

export interface Occurrence {
  support: Support;
  /** Offsets in the checked text: the start tag (offsets from its `<`) or the document. */
  start: number;
  end: number;
  /** What to look for inside the tag in the template: an attribute name, a property, CSS text. */
  what: { kind: 'element' } | { kind: 'attribute'; name: string } | { kind: 'declaration'; property: string } | { kind: 'css'; text: string };
}

/** The findings of one distinct start tag; the same for every place it occurs. */
export interface TagFindings {
  tag: ScannedTag;
  found: Occurrence[];
  /** The last check() that reported it (a checker counts its calls): once per document. */
  pass?: number | undefined;
}

interface Located {
  support: Support;
  /** Offsets relative to the checked piece (for style blocks). */
  start: number;
  end: number;
}

const ELEMENT_TITLE = /^<(\w+)> element$/;
const EDGES = new Set(['left', 'right', 'top', 'bottom']);

/** Element and attribute pairs whose value caniemail looks at (`<input type="checkbox">`, `<a href="mailto:…">`). */
function valuedAttributes(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>([['a', new Set(['href'])]]);
  for (const f of (rawData as unknown as { data: { title: string }[] }).data) {
    const m = /^<(\w+) (\w+)="\w+"> element$/.exec(f.title);
    if (m) out.set(m[1]!, (out.get(m[1]!) ?? new Set()).add(m[2]!));
  }
  return out;
}

/** The findings of a start tag's text, kept with the tag (one lookup by text per element) for the checker that made them. */
const TAG_FINDINGS = new TagSlot<{ checker: ClientChecker; of: TagFindings }>();

/** Memoised caniemail checks for one list of clients (exact caniemail names). */
export class ClientChecker {
  // bounded by count and by the length of their keys (see TextMemo): the HTML is untrusted
  private readonly tags = new TextMemo<Support[]>(20_000);
  private readonly decls = new TextMemo<Support[]>(20_000);
  private readonly sheets = new TextMemo<Occurrence[]>(256, 1 << 20, 8 << 20);
  private readonly parsed = new TextMemo<TagFindings>(20_000);
  private passes = 0;
  private readonly fns = new Map<string, Support | undefined>();
  private readonly supports = new Map<string, Support>();
  /** A feature's Support without its element-scoped partial support (see forElement). */
  private readonly derived = new Map<string, Support>();
  private readonly valued: Map<string, Set<string>>;
  private readonly properties: Set<string>;
  private readonly baseline: Set<string>;

  constructor(private readonly clients: readonly string[]) {
    useLatestVersions();
    this.valued = valuedAttributes();
    this.properties = new Set();
    for (const f of (rawData as unknown as { data: { title: string }[] }).data) {
      const m = PROPERTY_TITLE.exec(f.title);
      if (m) this.properties.add(m[1]!);
    }
    this.baseline = new Set(this.run('<div style="">').map((s) => s.title));
  }

  /**
   * Every finding of a parsed output, by tag (`onTag`: its offset and its findings, for tags that
   * have some) and by style block (`onStyle`: the findings with document offsets, and the
   * findings of its `<style>` tag for locating it). Each distinct tag and style block is checked
   * once. A tag is reported at its first occurrence in the document only: the same text has the
   * same findings at every place. Tags inside Outlook's conditional comments are not read: only
   * Outlook for Windows reads them, and caniemail's own parser skips them.
   */
  check(doc: OutputDocument, onTag: (at: number, of: TagFindings) => void, onStyle: (tag: TagFindings | undefined, at: number, found: readonly Occurrence[]) => void): void {
    this.visit(doc, ++this.passes, onTag, onStyle);
  }

  /** Every finding of `html` as a list, with document offsets (for tests and tools). */
  findings(html: string): Occurrence[] {
    const out: Occurrence[] = [];
    this.visit(
      parseOutput(html),
      undefined,
      (at, of) => out.push(...of.found.map((o) => ({ ...o, start: at + o.start, end: at + o.end }))),
      (_, at, found) => out.push(...found.map((o) => ({ ...o, start: at + o.start, end: at + o.end }))),
    );
    return out;
  }

  /** Walks the tags and style blocks; with a `pass`, a tag already reported in it is skipped. */
  private visit(doc: OutputDocument, pass: number | undefined, onTag: (at: number, of: TagFindings) => void, onStyle: (tag: TagFindings | undefined, at: number, found: readonly Occurrence[]) => void): void {
    const styles = doc.styles;
    let k = 0;
    for (const el of doc.elements) {
      if (el.tag === '') continue;
      let kept = TAG_FINDINGS.of(el, (e) => ({ checker: this, of: this.tagFindings(e.tag) }));
      if (kept.checker !== this) TAG_FINDINGS.set(el, (kept = { checker: this, of: this.tagFindings(el.tag) }));
      const of = kept.of;
      if (of.found.length > 0 && (pass === undefined || of.pass !== pass)) {
        of.pass = pass;
        onTag(el.start, of);
      }
      // a style block right after its tag, so that findings come in document order
      for (; k < styles.length && styles[k]!.element === el; k++) {
        const found = this.sheetSupport(styles[k]!.css);
        if (found.length > 0) onStyle(of, styles[k]!.start, found);
      }
    }
  }

  /** The findings of a start tag (its own text, offsets from its `<`). */
  tagFindings(text: string): TagFindings {
    const f = this.parsed.get(text);
    if (f) return f;
    const tag = parseTag(text);
    const found: Occurrence[] = [];
    for (const support of tag.name ? this.tagSupport(tag) : []) {
      const attr = /^(\S+) attribute$/.exec(support.title)?.[1];
      const a = attr === undefined ? undefined : tag.attrs.find((x) => x.name === attr);
      if (a) found.push({ support, start: a.start, end: a.end, what: { kind: 'attribute', name: a.name } });
      else found.push({ support, start: 0, end: text.length, what: { kind: 'element' } });
    }
    for (const d of tag.decls) {
      // as for the tag's own features, partial support that caniemail limits to other elements
      // (`width` is partial on <div> and <p> in Outlook, not on <td>) is not this tag's
      for (const support of this.declSupport(d.property, d.value).flatMap((s) => (tag.name ? this.forElement(s, tag.name) : [s]))) {
        found.push({ support, start: d.start, end: d.end, what: { kind: 'declaration', property: d.property } });
      }
    }
    return this.parsed.set(text, { tag, found, pass: undefined });
  }

  private tagSupport(tag: ScannedTag): Support[] {
    const valued = this.valued.get(tag.name);
    let key = `<${tag.name}`;
    for (const a of tag.attrs) {
      if (!valued?.has(a.name)) key += ` ${a.name}`;
      else key += ` ${a.name}="${(tag.name === 'a' ? linkKind(a.value) : a.value).replace(/[&"<]/g, '')}"`;
    }
    key += '>';
    let found = this.tags.get(key);
    if (!found) {
      // wrapped: caniemail skips a <style> element at the top of a document, never inside one;
      // closed: an open raw-text element would swallow the rest as its text
      const close = /^(style|script|title|textarea)$/.test(tag.name) ? `</${tag.name}>` : '';
      found = this.run(`<div>${key}${close}</div>`)
        .filter((s) => {
          const el = ELEMENT_TITLE.exec(s.title);
          return !el || el[1] === tag.name;
        })
        .flatMap((s) => this.forElement(s, tag.name));
      this.tags.set(key, found);
    }
    return found;
  }

  /**
   * A feature whose partial support caniemail explains only by elements ("Not supported on
   * `<td>` elements", "Only works on the `<table>` tag") is not partial on the others: `lang` on
   * `<html>` or `role` on a `<table>` loses nothing. Any other note keeps the partial support.
   */
  private forElement(s: Support, element: string): Support[] {
    if (s.partial.length === 0 || s.notesPartial.length === 0) return [s];
    for (const note of s.notesPartial) {
      const scope = elementScope(note);
      if (!scope || scope.only !== scope.tags.includes(element)) return [s];
    }
    if (s.none.length === 0) return [];
    let d = this.derived.get(s.title);
    if (!d) this.derived.set(s.title, (d = { ...s, partial: [], notesPartial: [] }));
    return [d];
  }

  private declSupport(property: string, raw: string): Support[] {
    // what caniemail looks at in a value is its keywords, units and functions: URLs, numbers and
    // colours from the data (a product's background image, a progress bar's width) are blanked,
    // so that they do not make each render's declarations new
    const value = raw.replace(/url\([^)]*\)/gi, 'url()').replace(/#[0-9a-f]{3,8}\b/gi, '#000').replace(/\d+(\.\d+)?/g, '0');
    const key = `${property}:${value}`;
    let found = this.decls.get(key);
    if (!found) {
      const style = key.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
      found = this.run(`<div style="${style}">`).filter((s) => !this.baseline.has(s.title) && this.propertyMatches(s.title, property));
      for (const title of functionsIn(value)) {
        const s = this.functionSupport(title);
        if (s && !found.some((f) => f.title === title)) found.push(s);
      }
      this.decls.set(key, found);
    }
    return found;
  }

  /** The findings of a style block, with offsets into its CSS text. */
  private sheetSupport(css: string): Occurrence[] {
    let found = this.sheets.get(css);
    if (found) return found;
    found = [];
    if (css.trim() !== '') {
      const lines = lineStarts(css);
      const byPlace = new Map<string, Located>();
      const result = this.call({ css });
      for (const [severity, map] of [['none', result.errors], ['partial', result.warnings]] as const) {
        for (const [client, issues] of map) {
          for (const issue of issues) {
            const places = issue.position
              ? [placeOf(css, lines, issue.position, issue.title)]
              : atRules(css, issue.title);
            for (const place of places) {
              const text = css.slice(place.start, place.end);
              const prop = /^\s*([\w-]+)\s*:/.exec(text)?.[1]?.toLowerCase();
              if (prop !== undefined && PROPERTY_TITLE.test(issue.title) && !this.propertyMatches(issue.title, prop)) continue;
              const key = `${place.start}:${issue.title}`;
              let l = byPlace.get(key);
              if (!l) byPlace.set(key, (l = { ...place, support: emptySupport(issue.title) }));
              addClient(l.support, severity, client, issue.notes);
            }
          }
        }
      }
      for (const m of css.matchAll(FUNCTION)) {
        const title = cssFunctions().get(m[1]!.toLowerCase());
        const support = title === undefined ? undefined : this.functionSupport(title);
        if (support) byPlace.set(`${m.index}:${title}`, { start: m.index, end: m.index + m[0].length, support });
      }
      found = [...byPlace.values()].map((l) => ({ support: this.intern(l.support), start: l.start, end: l.end, what: { kind: 'css' as const, text: css.slice(l.start, l.end) } }));
    }
    return this.sheets.set(css, found);
  }

  private functionSupport(title: string): Support | undefined {
    if (!this.fns.has(title)) {
      const s = supportOf(title, this.clients);
      this.fns.set(title, s && this.intern(s));
    }
    return this.fns.get(title);
  }

  /** One Support object per feature (its clients and notes come from the data alone), so findings can be keyed by it. */
  private intern(s: Support): Support {
    const known = this.supports.get(s.title);
    if (known) return known;
    this.supports.set(s.title, s);
    return s;
  }

  /** caniemail matches a property title by substring; keep exact names and longhands of a family without a feature of their own. */
  private propertyMatches(title: string, property: string): boolean {
    if (title === 'left, right, top, bottom') return EDGES.has(property);
    const m = PROPERTY_TITLE.exec(title);
    if (!m) return true;
    const name = m[1]!;
    if (name === property) return true;
    return m[2] !== 'shorthand' && property.startsWith(`${name}-`) && !this.properties.has(property);
  }

  private run(html: string): Support[] {
    const bySupport = new Map<string, Support>();
    const result = this.call({ html });
    for (const [severity, map] of [['none', result.errors], ['partial', result.warnings]] as const) {
      for (const [client, issues] of map) {
        for (const issue of issues) {
          let s = bySupport.get(issue.title);
          if (!s) bySupport.set(issue.title, (s = emptySupport(issue.title)));
          addClient(s, severity, client, issue.notes);
        }
      }
    }
    return [...bySupport.values()].map((x) => this.intern(x));
  }

  /**
   * caniemail throws when one of the clients has no data for a feature in the input (word-wrap
   * on Yahoo for iOS): then each client is asked alone and those without data are left out.
   */
  private call(input: { html?: string; css?: string }): Issues {
    try {
      return caniemail({ clients: this.clients as Clients, ...input }).issues;
    } catch {
      const errors = new Map<string, FeatureIssue[]>();
      const warnings = new Map<string, FeatureIssue[]>();
      for (const client of this.clients) {
        try {
          const one = caniemail({ clients: [client] as Clients, ...input }).issues;
          for (const [c, list] of one.errors) errors.set(c, list);
          for (const [c, list] of one.warnings) warnings.set(c, list);
        } catch {
          // no data for this client: no finding
        }
      }
      return { errors, warnings };
    }
  }
}

type Clients = Parameters<typeof caniemail>[0]['clients'];
/** What the checker reads of a caniemail issue. */
interface FeatureIssue {
  title: string;
  notes: string[];
  position?: { start: { line: number; column: number }; end: { line: number; column: number } } | undefined;
}
interface Issues {
  errors: ReadonlyMap<string, FeatureIssue[]>;
  warnings: ReadonlyMap<string, FeatureIssue[]>;
}

/** The elements a note limits a feature to (`only`) or excludes from it; undefined for any other note. */
export function elementScope(note: string): { only: boolean; tags: string[] } | undefined {
  const m = /^(?:Partial(?:ly supported)?\.\s*)?(Not supported on|Doesn't work on|Only works on)(?: the)? ((?:`<[\w:-]+>`(?:,\s*|\s+(?:and|or)\s+)?)+)\s*(?:elements?|tags?)?\s*[.,]?/i.exec(note.trim());
  // the note must say nothing else (a reference to a specification aside)
  if (!m || !/^(?:\s*as per\b.*)?$/i.test(note.trim().slice(m[0].length))) return undefined;
  return { only: /^only/i.test(m[1]!), tags: [...m[2]!.matchAll(/`<([\w:-]+)>`/g)].map((t) => t[1]!.toLowerCase()) };
}

function emptySupport(title: string): Support {
  return { title, none: [], partial: [], notesNone: [], notesPartial: [] };
}

function addClient(s: Support, severity: 'none' | 'partial', client: string, notes: readonly string[]): void {
  const list = severity === 'none' ? s.none : s.partial;
  if (!list.includes(client)) list.push(client);
  const into = severity === 'none' ? s.notesNone : s.notesPartial;
  for (const n of notes) if (n && !into.includes(n)) into.push(n);
}

/** What caniemail sees of a link: a local anchor, a mailto: link or another URL. */
function linkKind(href: string): string {
  const h = href.trim();
  return h.startsWith('#') ? '#' : /^mailto:/i.test(h) ? 'mailto:x' : 'x';
}

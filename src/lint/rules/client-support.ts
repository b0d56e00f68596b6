import type { Span } from '../../engine/index.js';
import { EMAIL_CLIENTS, matchClients } from '../../project/config-clients.js';
import { ClientChecker, type Occurrence, type Support, type TagFindings } from '../client-support-check.js';
import { scanHtml, type ScannedTag } from '../client-support-scan.js';
import { featureCategory, niceName } from '../client-support-data.js';
import { tagLocator } from '../output.js';
import type { RuleContext } from '../types.js';
import { defineRule } from '../util.js';

/** One checker per client list, kept for the process: its memo serves every email. */
const checkers = new Map<string, ClientChecker>();
const resolved = new WeakMap<readonly string[], string[]>();

/** The checker for a config's `lint.clients` (names and globs), or undefined when they select none. */
function checkerFor(globs: readonly string[]): ClientChecker | undefined {
  let clients = resolved.get(globs);
  if (!clients) resolved.set(globs, (clients = matchClients(globs)));
  if (clients.length === 0) return undefined;
  const key = clients.join(',');
  let c = checkers.get(key);
  if (!c) checkers.set(key, (c = new ClientChecker(clients)));
  return c;
}

/**
 * Unsupported, yet nothing to fix: a document cannot do without <html>, <head> and <body> (a
 * client that drops them replaces them, and keeps at most some of their attributes), and Gmail
 * and Yahoo ignore `target` because they force target="_blank" on every link (caniemail's note),
 * the same in effect. Reported as info, and the structure elements only when they have attributes.
 */
const MADE_UP_FOR = /^(<(html|head|body)> element|target attribute)$/;
const STRUCTURE = /^<(html|head|body)> element$/;

interface Finding {
  message: string;
  info: boolean;
  span: Span;
  output: { start: number; end: number };
  fixtures: string[];
}

/** Renders come fixture by fixture, so a fixture already listed is the last one. */
function addFixture(f: Finding, label: string): void {
  if (f.fixtures[f.fixtures.length - 1] !== label) f.fixtures.push(label);
}

export const clientSupport = defineRule(
  {
    id: 'client-support',
    description: 'HTML and CSS of the rendered output that lint.clients do not support (caniemail data; partial support as info)',
    defaultSeverity: 'warning',
    needs: 'renders',
  },
  (c) => {
    if (!c.ast) return;
    const checker = checkerFor(c.config.lint.clients);
    if (!checker) return;
    const locate = templateLocator(c.source);
    const findings = new Map<string, Finding>();
    const add = (o: Occurrence, tag: ScannedTag | undefined, base: number): Finding[] => {
      const span = tag ? locate(tag, o.what) : { start: 0, end: 0 };
      const out: Finding[] = [];
      const s = o.support;
      // a client that replaces a bare <body> (or <html>, <head>) loses nothing: only attributes are at stake
      if (tag && tag.attrs.length === 0 && STRUCTURE.test(s.title)) return [];
      const kinds: Kind[] = MADE_UP_FOR.test(s.title) ? ['both'] : ['none', 'partial'];
      for (const kind of kinds) {
        if (kind !== 'both' && s[kind].length === 0) continue;
        const key = `${kind}\0${s.title}\0${span.start}\0${span.end}`;
        let f = findings.get(key);
        if (!f) {
          const info = kind !== 'none';
          f = { message: messageOf(s, kind), info, span, output: { start: base + o.start, end: base + o.end }, fixtures: [] };
          findings.set(key, f);
        }
        out.push(f);
      }
      return out;
    };
    // a tag's findings are worked out at its first occurrence; later ones (in any fixture) only add their fixture
    const perTag = new Map<TagFindings, Finding[]>();
    const perStyle = new Map<readonly Occurrence[], Finding[]>();
    for (const r of c.renders()) {
      const html = r.result.html;
      if (html === undefined) continue;
      checker.check(
        html,
        (at, of) => {
          let list = perTag.get(of);
          if (!list) perTag.set(of, (list = of.found.flatMap((o) => add(o, of.tag, at))));
          for (const f of list) addFixture(f, r.label);
        },
        (tag, at, found) => {
          let list = perStyle.get(found);
          if (!list) perStyle.set(found, (list = found.flatMap((o) => add(o, tag?.tag, at))));
          for (const f of list) addFixture(f, r.label);
        },
      );
    }
    for (const f of findings.values()) {
      c.report({ message: f.message, span: f.span, output: f.output, fixture: f.fixtures.join(', '), severity: f.info ? 'info' : undefined });
    }
  },
);

/** Unsupported (a warning), partly supported (an info), or both in one info for what clients make up for. */
type Kind = 'none' | 'partial' | 'both';
const messages = new WeakMap<Support, Partial<Record<Kind, string>>>();

/** "CSS margin is only partly supported by Gmail (iOS, Android), Outlook (Windows) (caniemail: <note>)" */
function messageOf(s: Support, kind: Kind): string {
  let m = messages.get(s);
  if (!m) messages.set(s, (m = {}));
  return (m[kind] ??= writeMessage(s, kind));
}

function writeMessage(s: Support, kind: Kind): string {
  const what = featureCategory(s.title) === 'css' && !s.title.startsWith('CSS') ? `CSS ${s.title}` : s.title;
  const none = kind !== 'partial' && s.none.length > 0;
  const partly = kind !== 'none' && s.partial.length > 0;
  const how = [none ? `is not supported by ${clientNames(s.none)}` : '', partly ? `${none ? 'only partly by' : 'is only partly supported by'} ${clientNames(s.partial)}` : ''];
  const notes = [...(none ? s.notesNone : []), ...(partly ? s.notesPartial.filter((n) => !s.notesNone.includes(n) || !none) : [])];
  return `${what} ${how.filter(Boolean).join(', ')}${notes.length ? ` (caniemail: ${notes.join(' ')})` : ''}`;
}

/** "Outlook (Windows, Windows Mail), Yahoo! Mail (iOS)", in caniemail's client order. */
export function clientNames(clients: readonly string[]): string {
  const byFamily = new Map<string, string[]>();
  for (const c of EMAIL_CLIENTS) {
    if (!clients.includes(c)) continue;
    const [family, platform] = c.split('.') as [string, string];
    byFamily.set(family, [...(byFamily.get(family) ?? []), niceName('platform', platform)]);
  }
  return [...byFamily].map(([f, platforms]) => `${niceName('family', f)} (${platforms.join(', ')})`).join(', ');
}

/**
 * The template span of a finding: the template tag the output tag comes from, narrowed to the
 * attribute, declaration or CSS text concerned when the template has it literally.
 */
function templateLocator(source: string): (tag: ScannedTag, what: Occurrence['what']) => Span {
  const locateTag = tagLocator(source);
  const byTag = new Map<string, Span | undefined>();
  const narrowed = new Map<string, Span>();
  let literal: Map<string, number> | undefined;
  return (tag, what) => {
    let span = byTag.get(tag.text);
    if (!byTag.has(tag.text)) {
      // most tags are static template text: found as they are; the others are matched by their attributes
      const exact = (literal ??= literalTags(source)).get(tag.text);
      if (exact !== undefined) span = { start: exact, end: exact + tag.text.length };
      else span = locateTag({ index: undefined, name: tag.name, attrs: tag.attrs, start: 0, end: tag.text.length, implied: false, parent: undefined, node: undefined as never });
      byTag.set(tag.text, span);
    }
    if (!span) return { start: 0, end: 0 };
    if (what.kind === 'element') return span;
    const needle = what.kind === 'attribute' ? what.name : what.kind === 'declaration' ? what.property : what.text;
    const key = `${span.start}\0${what.kind}\0${needle}`;
    let found = narrowed.get(key);
    if (!found) {
      found = narrow(source, span, what.kind, needle);
      narrowed.set(key, found);
    }
    return found;
  };
}

/** The start tags written out in the template, each at its first offset. */
function literalTags(source: string): Map<string, number> {
  const out = new Map<string, number>();
  scanHtml(
    source,
    (text, at) => {
      if (!out.has(text)) out.set(text, at);
      return '';
    },
    () => {},
  );
  return out;
}

function narrow(source: string, span: Span, kind: Occurrence['what']['kind'], needle: string): Span {
  if (kind === 'css') {
    // the style block's text follows its tag; it is usually static in the template
    const at = source.indexOf(needle, span.end);
    STYLE_END.lastIndex = span.end;
    const close = STYLE_END.exec(source)?.index ?? -1;
    return at >= 0 && (close < 0 || at < close) ? { start: at, end: at + needle.length } : span;
  }
  const text = source.slice(span.start, span.end);
  const m = finder(kind, needle).exec(text);
  if (!m) return span;
  const start = span.start + m.index + m[0].indexOf(m[1]!);
  const end = kind === 'attribute' ? start + attrLength(text, m.index + m[0].length) + m[1]!.length : span.start + m.index + m[0].trimEnd().length;
  return { start, end: Math.max(start, end) };
}

const STYLE_END = /<\/style/gi;
const finders = new Map<string, RegExp>();

/** The pattern of an attribute name or a declaration's property inside a tag's text. */
function finder(kind: Occurrence['what']['kind'], needle: string): RegExp {
  const key = `${kind}\0${needle}`;
  let re = finders.get(key);
  if (!re) {
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    re = kind === 'attribute' ? new RegExp(`\\s(${escaped})(?=[\\s=/>])`, 'i') : new RegExp(`(?<=[\\s;"'])(${escaped})\\s*:[^;"']*`, 'i');
    if (finders.size < 4096) finders.set(key, re);
  }
  return re;
}

/** Length of an attribute's `="value"` part starting at `i` of a tag's text (0 when it has none). */
function attrLength(text: string, i: number): number {
  const m = /^\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/.exec(text.slice(i));
  return m ? m[0].length : 0;
}

import type { Span } from '../../engine/index.js';
import { EMAIL_CLIENTS, matchClients } from '../../project/config-clients.js';
import { ClientChecker, type Occurrence, type Support, type TagFindings } from '../client-support-check.js';
import type { ScannedTag } from '../client-support-scan.js';
import { templateLocator } from '../client-support-locate.js';
import { featureCategory, niceName } from '../client-support-data.js';
import { eachOutput } from '../output-report.js';
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
    // unsupported: one warning per template place; partial support: one info per email, at its first use
    const warnings = new Map<Support, Map<number, Finding[]>>();
    const infos = new Map<Support, Finding>();
    const all: Finding[] = [];
    const make = (s: Support, kind: Kind, span: Span, output: { start: number; end: number }): Finding => {
      const f: Finding = { message: messageOf(s, kind), info: kind !== 'none', span, output, fixtures: [] };
      all.push(f);
      return f;
    };
    // an occurrence's findings, pushed onto `into` (made once per tag and email: no arrays of their own)
    const add = (into: Finding[], o: Occurrence, tag: ScannedTag | undefined, base: number): void => {
      const s = o.support;
      const k = kindsOf(s);
      // a client that replaces a bare <body> (or <html>, <head>) loses nothing: only attributes are at stake
      if (k.structure && tag && tag.attrs.length === 0) return;
      if (k.none) {
        const span = where(o, tag);
        let places = warnings.get(s);
        if (!places) warnings.set(s, (places = new Map()));
        // by start, then end: few places of a feature share a start
        let at = places.get(span.start);
        if (!at) places.set(span.start, (at = []));
        let f: Finding | undefined;
        for (const x of at) if (x.span.end === span.end) f = x;
        if (!f) at.push((f = make(s, 'none', span, { start: base + o.start, end: base + o.end })));
        into.push(f);
      }
      if (k.info) {
        let f = infos.get(s);
        if (!f) infos.set(s, (f = make(s, k.info, where(o, tag), { start: base + o.start, end: base + o.end })));
        into.push(f);
      }
    };
    const where = (o: Occurrence, tag: ScannedTag | undefined): Span => (tag ? locate(tag, o.what) : { start: 0, end: 0 });
    const findingsOf = (found: readonly Occurrence[], tag: ScannedTag | undefined, at: number): Finding[] => {
      const list: Finding[] = [];
      for (const o of found) add(list, o, tag, at);
      return list;
    };
    // a tag's findings are worked out at its first occurrence; later ones (in any fixture) only
    // add their fixture, and the checker reports a tag once per fixture
    const perTag = new Map<TagFindings, Finding[]>();
    const perStyle = new Map<readonly Occurrence[], Finding[]>();
    eachOutput(
      c,
      (o) => {
        const label = o.render.label;
        checker.check(
          o.doc,
          (at, of) => {
            let list = perTag.get(of);
            if (!list) perTag.set(of, (list = findingsOf(of.found, of.tag, at)));
            for (const f of list) addFixture(f, label);
          },
          (tag, at, found) => {
            let list = perStyle.get(found);
            if (!list) perStyle.set(found, (list = findingsOf(found, tag?.tag, at)));
            for (const f of list) addFixture(f, label);
          },
        );
      },
      () => {
        // the output range is in the HTML of the first fixture that shows the finding; the
        // others are reported at the same place, and the runner lists them together
        for (const f of all) {
          const severity = f.info ? ('info' as const) : undefined;
          c.report({ message: f.message, span: f.span, output: f.output, fixtures: f.fixtures, severity });
        }
      },
    );
  },
);

/** Unsupported (a warning), partly supported (an info), or both in one info for what clients make up for. */
type Kind = 'none' | 'partial' | 'both';

const kinds = new WeakMap<Support, { none: boolean; info: Kind | undefined; structure: boolean }>();

/** Which findings a feature gives: a warning (unsupported somewhere), an info, or one info for both. */
function kindsOf(s: Support): { none: boolean; info: Kind | undefined; structure: boolean } {
  let k = kinds.get(s);
  if (!k) {
    const madeUp = MADE_UP_FOR.test(s.title);
    k = {
      none: !madeUp && s.none.length > 0,
      info: madeUp ? 'both' : s.partial.length > 0 ? 'partial' : undefined,
      structure: STRUCTURE.test(s.title),
    };
    kinds.set(s, k);
  }
  return k;
}
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

/**
 * Rendering an email folder: body, subject and preheader are Velocity templates rendered with
 * one fixture variant, then Yespo's merge tags are applied with the variant's contact.
 */
import { join } from 'node:path';
import * as engine from '../engine/index.js';
import type { RenderOptions, Template } from '../engine/index.js';
import { JMap } from '../engine/values.js';
import { DataError } from '../errors.js';
import type { Fixture, FixtureVariant } from '../fixtures/types.js';
import type { ResolvedConfig } from './config.js';
import type { Email } from './email.js';
import { applyMergeTags, type UnknownMergeTag } from './merge-tags.js';

export type EmailPart = 'html' | 'subject' | 'preheader';

export interface RenderEmailOptions {
  /** Fixture (or its name); default: the first fixture, or an empty payload when there is none. */
  fixture?: Fixture | string | undefined;
  /** Variant of the fixture (or its name); default: the first one. */
  variant?: FixtureVariant | string | undefined;
  /** Engine options and known contact fields come from here (default: engine defaults). */
  config?: ResolvedConfig | undefined;
  /** Render options overriding the config's engine section. */
  render?: RenderOptions | undefined;
}

export interface RenderedEmail {
  email: Email;
  fixture: Fixture | undefined;
  variant: FixtureVariant | undefined;
  subject: string | undefined;
  preheader: string | undefined;
  html: string;
  /** UTF-8 size of the html. */
  sizeBytes: number;
  unknownMergeTags: (UnknownMergeTag & { part: EmailPart })[];
}

/** Render an email with one fixture variant. Throws the engine's ParseError/RenderError. */
export function renderEmail(email: Email, options: RenderEmailOptions = {}): RenderedEmail {
  const fixture = pickFixture(email, options.fixture);
  const variant = pickVariant(email, fixture, options.variant);
  const payload = variant?.payload ?? new JMap();
  const engineOptions: RenderOptions = { ...engineOptionsOf(options.config), ...options.render };
  const contact = { ...email.meta.contact, ...variant?.contact };
  const knownFields = options.config?.contactFields;
  const unknownMergeTags: RenderedEmail['unknownMergeTags'] = [];
  const run = (part: EmailPart, template: Template): string => {
    const { output } = template.render(payload, engineOptions);
    const merged = applyMergeTags(output, contact, { knownFields });
    for (const u of merged.unknown) unknownMergeTags.push({ ...u, part });
    return merged.output;
  };
  const templates = compiled(email);
  const html = run('html', templates.html);
  const subject = templates.subject && run('subject', templates.subject);
  const preheader = templates.preheader && run('preheader', templates.preheader);
  return {
    email,
    fixture,
    variant,
    subject,
    preheader,
    html,
    sizeBytes: Buffer.byteLength(html, 'utf8'),
    unknownMergeTags,
  };
}

interface Compiled {
  html: Template;
  subject: Template | undefined;
  preheader: Template | undefined;
}

/**
 * Compiled templates per loaded email, kept on the email (not in a WeakMap keyed by emails: V8's
 * young-generation collector would hold every compiled email since the last full collection, see
 * compiler.ts in the engine): rendering many variants parses each template once.
 */
const COMPILED = Symbol('compiled templates');

function compiled(email: Email): Compiled {
  const holder = email as Email & { [COMPILED]?: Compiled };
  let c = holder[COMPILED];
  if (!c) {
    // subject and preheader live inside email.json; name them so errors say which one failed
    const meta = email.metaFile ?? join(email.dir, 'email.json');
    c = {
      html: engine.compile(email.source, { name: email.templateFile }),
      subject: email.subjectSource === undefined ? undefined : engine.compile(email.subjectSource, { name: `${meta}#subject` }),
      preheader:
        email.preheaderSource === undefined ? undefined : engine.compile(email.preheaderSource, { name: `${meta}#preheader` }),
    };
    if (Object.isExtensible(email)) Object.defineProperty(email, COMPILED, { value: c });
  }
  return c;
}

function engineOptionsOf(config: ResolvedConfig | undefined): RenderOptions {
  if (!config) return {};
  return { now: config.engine.now, timeZone: config.engine.timeZone, locale: config.engine.locale };
}

function pickFixture(email: Email, want: Fixture | string | undefined): Fixture | undefined {
  if (want === undefined) return email.fixtures[0];
  if (typeof want !== 'string') return want;
  const found = email.fixtures.find((f) => f.name === want);
  if (!found) throw notFound(`fixture '${want}'`, email.name, email.fixtures.map((f) => f.name));
  return found;
}

function pickVariant(email: Email, fixture: Fixture | undefined, want: FixtureVariant | string | undefined): FixtureVariant | undefined {
  if (want !== undefined && typeof want !== 'string') return want;
  if (!fixture) {
    if (want !== undefined) throw notFound(`variant '${want}'`, email.name, []);
    return undefined;
  }
  if (want === undefined) return fixture.variants[0];
  const found = fixture.variants.find((v) => v.name === want);
  if (!found) throw notFound(`variant '${want}' in fixture '${fixture.name}'`, email.name, fixture.variants.map((v) => v.name));
  return found;
}

function notFound(what: string, email: string, available: string[]): DataError {
  const list = available.length > 0 ? ` (available: ${available.join(', ')})` : '';
  return new DataError(`No ${what} for email '${email}'${list}`);
}

/** Every rule, in the order they run and are listed. */
import type { Rule } from '../types.js';
import { clientSupport } from './client-support.js';
import { constantIndex } from './constant-index.js';
import { directiveCrossesHtml } from './directive-crosses-html.js';
import { directiveNotWrapped } from './directive-not-wrapped.js';
import { fixtureInvalid } from './fixture-invalid.js';
import { fixtureSchema } from './fixture-schema.js';
import { inertReference } from './inert-reference.js';
import { loudReference } from './loud-reference.js';
import { metaInvalid } from './meta-invalid.js';
import { missingSubject } from './missing-subject.js';
import { noVelocityCount } from './no-velocity-count.js';
import { outputHeadingOrder, outputHtmlLang, outputLinkImgAlt, outputTableRole } from './output-a11y.js';
import { outputBrokenLink } from './output-broken-link.js';
import { outputContrast } from './output-contrast.js';
import { outputEmptyUrl, outputImgAlt, outputInsecureLink } from './output-html.js';
import { outputImgSize, outputImgWeight } from './output-images.js';
import { outputPreheaderLength, outputSubjectLength } from './output-lengths.js';
import { outputLinkText, outputLinkUrl, outputUnsubscribe } from './output-links.js';
import { outputLeftoverCode } from './output-leftover-code.js';
import { outputSize } from './output-size.js';
import { renderError, renderLimit } from './render-error.js';
import { syntax } from './syntax.js';
import { unknownMergeTag } from './unknown-merge-tag.js';
import { unknownMethod } from './unknown-method.js';
import { unknownPayloadKey } from './unknown-payload-key.js';
import { unknownTool } from './unknown-tool.js';

export const RULES: readonly Rule[] = [
  syntax,
  loudReference,
  unknownPayloadKey,
  noVelocityCount,
  inertReference,
  unknownTool,
  unknownMethod,
  constantIndex,
  directiveCrossesHtml,
  directiveNotWrapped,
  unknownMergeTag,
  outputLeftoverCode,
  outputEmptyUrl,
  outputImgAlt,
  outputInsecureLink,
  outputLinkUrl,
  outputLinkText,
  outputUnsubscribe,
  outputBrokenLink,
  outputImgSize,
  outputImgWeight,
  outputHtmlLang,
  outputTableRole,
  outputLinkImgAlt,
  outputHeadingOrder,
  outputContrast,
  clientSupport,
  missingSubject,
  outputSubjectLength,
  outputPreheaderLength,
  outputSize,
  renderError,
  renderLimit,
  fixtureInvalid,
  fixtureSchema,
  metaInvalid,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

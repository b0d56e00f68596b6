/** Markdown about a payload value: its Java type, values per fixture, in how many it is absent. */
import { kindOf, typeText, type PayloadShape, type Shape } from '../shape.js';

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s).replace(/`/g, "'").replace(/\s+/g, ' ');

export function describeShape(path: string, s: Shape, shape: PayloadShape): string {
  const lines = [`**${path || '$data'}**: \`${typeText(s)}\``];
  const m = shape.labels.length;
  if (s.samples.length) lines.push('', ...s.samples.map((x) => `- ${x.label}: \`${clip(x.text)}\``));
  else if (s.keys.size) lines.push('', `keys: ${[...s.keys.keys()].slice(0, 12).map((k) => `\`${k}\``).join(', ')}${s.keys.size > 12 ? ', ...' : ''}`);
  else if (kindOf(s) === 'List' && s.item) lines.push('', 'a list of items');
  if (m === 0) lines.push('', 'No fixture: add one in data/ to see values here.');
  else {
    const absent = m - s.present.size;
    lines.push('', absent === 0 ? `present in all ${m} fixtures` : `absent in ${absent} of ${m} fixtures`);
  }
  if (s.used && s.classes.size === 0) lines.push('', 'Read by the template; no fixture holds it.');
  if (s.hints.length) lines.push('', `The template uses it as ${s.hints.map((h) => (h === 'array' ? 'a list' : h === 'object' ? 'a map' : `a ${h}`)).join(' or ')}.`);
  return lines.join('\n');
}

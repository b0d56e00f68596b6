/** A small project on disk for the protocol tests: one email with two fixtures. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEMPLATE = `<html lang="en"><body>
#macro(button $label $url)<a href="$url">$label</a><!--#end-->
#set($greeting = 'Hello')
<p>$!greeting, $!firstName</p>
<!--#foreach($item in $order.items)-->
<p>$!item.name: $!item.price</p>
<!--#end-->
<p><a href="https://example.com/unsubscribe">Unsubscribe</a></p>
#button('Shop' 'https://example.com')
</body></html>
`;

export interface Project {
  root: string;
  email: string;
  template: string;
  fixtureA: string;
  fixtureB: string;
  remove(): void;
}

export function makeProject(): Project {
  const root = mkdtempSync(join(tmpdir(), 'velvet-lsp-'));
  const email = join(root, 'emails', 'order');
  mkdirSync(join(email, 'data'), { recursive: true });
  writeFileSync(join(root, 'velvet.config.json'), JSON.stringify({ emails: 'emails' }));
  writeFileSync(join(email, 'email.html'), TEMPLATE);
  writeFileSync(join(email, 'email.json'), JSON.stringify({ subject: 'Your order' }));
  const fixtureA = join(email, 'data', 'a.json');
  const fixtureB = join(email, 'data', 'b.json');
  writeFileSync(fixtureA, JSON.stringify({ firstName: 'Olena', order: { id: 1, items: [{ name: 'Sock', price: 10 }] } }, null, 2) + '\n');
  writeFileSync(fixtureB, JSON.stringify({ firstName: 'Emma', order: { id: 2, items: [{ name: 'Hat', price: 3, color: 'red' }] } }, null, 2) + '\n');
  return { root, email, template: join(email, 'email.html'), fixtureA, fixtureB, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Line and character of the first `needle` in `text` (plus `delta` characters). */
export function pos(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`no '${needle}'`);
  const before = text.slice(0, i + delta);
  const lines = before.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}

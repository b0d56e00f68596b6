import { describe, expect, it } from 'vitest';
import { positionAt } from '../../src/errors.js';
import { runCli, tempTree } from './helpers.js';

interface Out {
  errorCount: number;
  diagnostics: { ruleId: string; line: number; column: number; file: string; message: string; fixture?: string }[];
}

/** Lints one email whose email.json is written as `metaText` and returns the json report. */
async function lintMeta(metaText: string, body = '<p>Hi</p>\n', fixture: unknown = { name: 'Ann' }) {
  const t = tempTree({ 'e/email.html': body, 'e/email.json': metaText, 'e/data/a.json': fixture });
  try {
    const r = await runCli(['lint', t.dir, '--format', 'json'], t.dir);
    return { code: r.code, out: JSON.parse(r.stdout) as Out };
  } finally {
    t.cleanup();
  }
}

/** line:column of `needle` (plus `shift`) in `text`. */
const at = (text: string, needle: string, shift = 0) => {
  const i = text.indexOf(needle);
  expect(i, needle).toBeGreaterThanOrEqual(0);
  const p = positionAt(text, i + shift);
  return `${p.line}:${p.column}`;
};

describe('subject and preheader get the rules of the body', () => {
  it('a missing reference in the subject is found in email.json, at its character', async () => {
    const meta = '{\n  "subject": "$zzzMissing Welcome"\n}\n';
    const { code, out } = await lintMeta(meta);
    const found = out.diagnostics.map((d) => `${d.ruleId}@${d.file}:${d.line}:${d.column}`);
    expect(found).toContain(`loud-reference@e/email.json:${at(meta, '$zzzMissing')}`);
    expect(found).toContain(`unknown-payload-key@e/email.json:${at(meta, 'zzzMissing')}`);
    expect(found).toContain(`output-leftover-code@e/email.json:${at(meta, '$zzzMissing')}`);
    const leftover = out.diagnostics.find((d) => d.ruleId === 'output-leftover-code')!;
    expect(leftover.message).toBe("subject: The output shows Velocity code '$zzzMissing'");
    expect(leftover.fixture).toBe('a');
    expect(code).toBe(1);
  });

  it('an unknown method in the subject and a loud reference in the preheader', async () => {
    const meta = '{\n  "subject": "Hi $x.foo()",\n  "preheader": "Your $offer.title is here"\n}\n';
    const { out } = await lintMeta(meta, '<p>Hi</p>\n', { x: 'X', offer: { title: 'T' } });
    const found = out.diagnostics.map((d) => `${d.ruleId}@${d.line}:${d.column}`);
    expect(found).toContain(`unknown-method@${at(meta, 'foo()')}`);
    expect(found).toContain(`loud-reference@${at(meta, '$offer.title')}`);
    const method = out.diagnostics.find((d) => d.ruleId === 'unknown-method')!;
    expect(method.message).toMatch(/^subject: 'foo\(\)' is not a method/);
  });

  it('positions count JSON escapes: the column is that of the character as written', async () => {
    // \" and \u0041 take 2 and 6 characters in the file but one in the subject
    const meta = '{"subject": "Say \\"hi\\" \\u0041 $missingOne", "preheader": "\\n$!ok $missingTwo"}';
    const { out } = await lintMeta(meta);
    const loud = out.diagnostics.filter((d) => d.ruleId === 'loud-reference').map((d) => `${d.line}:${d.column}`);
    expect(loud).toEqual([at(meta, '$missingOne'), at(meta, '$missingTwo')]);
  });

  it('syntax errors in the subject point at their character, every one of them', async () => {
    const meta = '{\n  "subject": "#if($a) A",\n  "preheader": "ok #set($x = )"\n}\n';
    const { code, out } = await lintMeta(meta);
    const syntax = out.diagnostics.filter((d) => d.ruleId === 'syntax');
    expect(syntax.map((d) => d.file)).toEqual(['e/email.json', 'e/email.json']);
    expect(syntax[0]!.message).toMatch(/^subject: /);
    expect(syntax[0]!.line).toBe(2);
    expect(syntax[1]!.message).toMatch(/^preheader: /);
    expect(syntax[1]!.line).toBe(3);
    expect(syntax[1]!.column).toBeGreaterThan(at(meta, '#set').length);
    expect(code).toBe(1);
  });

  it('a render error in the subject points into email.json', async () => {
    const meta = '{\n  "subject": "Order $items.get(3)"\n}\n';
    const { out } = await lintMeta(meta, '<p>Hi</p>\n', { items: [1] });
    const err = out.diagnostics.find((d) => d.ruleId === 'render-error');
    expect(err, JSON.stringify(out.diagnostics)).toBeDefined();
    expect([err!.file, `${err!.line}:${err!.column}`]).toEqual(['e/email.json', at(meta, 'get(3)')]);
  });

  it('a clean subject and preheader give no findings', async () => {
    const meta = '{"subject": "Hi $!name, welcome", "preheader": "#if($name)For $name: #{end}the news of this week, and a gift"}';
    const { code, out } = await lintMeta(meta);
    expect(out.diagnostics).toEqual([]);
    expect(code).toBe(0);
  });

  it('a disable comment in the subject is honoured', async () => {
    const meta = '{"subject": "## velvet-disable-next-line loud-reference\\nHi $who"}';
    const { out } = await lintMeta(meta, '<p>Hi</p>\n', { who: 'W' });
    expect(out.diagnostics.filter((d) => d.ruleId === 'loud-reference')).toEqual([]);
  });
});

describe('an editor overlay of email.json', () => {
  it('positions subject findings in the unsaved text given as metaText', async () => {
    const { lintEmailResult } = await import('../../src/lint/index.js');
    const { loadEmail, normalizeConfig } = await import('../../src/project/index.js');
    const t = tempTree({ 'email.html': '<p>Hi</p>\n', 'email.json': '{"subject": "saved"}', 'data/a.json': { name: 'A' } });
    try {
      const email = await loadEmail(t.dir);
      const unsaved = '{\n\n  "subject":   "Hello $nobody"\n}';
      const r = await lintEmailResult({ ...email, subjectSource: 'Hello $nobody' }, normalizeConfig([], { root: t.dir }), { metaText: unsaved });
      const loud = r.diagnostics.find((d) => d.ruleId === 'loud-reference')!;
      expect([loud.line, loud.column]).toEqual([3, unsaved.split('\n')[2]!.indexOf('$') + 1]);
    } finally {
      t.cleanup();
    }
  });
});

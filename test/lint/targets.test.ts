import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintCase, runCli, tempTree } from './helpers.js';

describe('what velvet lint is given', () => {
  it('a folder with no emails exits 2 with a clear message', async () => {
    const t = tempTree({ 'notes.txt': 'nothing here' });
    try {
      mkdirSync(join(t.dir, 'emails'));
      const r = await runCli(['lint', 'emails'], t.dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`velvet lint: no emails found in emails (an email is a folder holding email.html)\n`);
      const json = await runCli(['lint', '.', 'emails', '--format', 'json'], t.dir);
      expect([json.code, json.stdout]).toEqual([2, '']);
      expect(json.stderr).toMatch(/no emails found in \., emails/);
    } finally {
      t.cleanup();
    }
  });

  it('a bare template is not told to add a subject to an email.json it does not have', async () => {
    const t = tempTree({ 'snippet.html': '<p>Hello</p>\n' });
    try {
      const r = await runCli(['lint', 'snippet.html', '--format', 'json'], t.dir);
      const out = JSON.parse(r.stdout) as { diagnostics: { ruleId: string }[]; files: number };
      expect(out.diagnostics).toEqual([]);
      expect([r.code, out.files]).toEqual([0, 1]);
    } finally {
      t.cleanup();
    }
  });

  it('an email folder without email.json is still told to add a subject', async () => {
    const t = tempTree({ 'e/email.html': '<p>Hello</p>\n' });
    try {
      const r = await runCli(['lint', 'e', '--format', 'json'], t.dir);
      const out = JSON.parse(r.stdout) as { diagnostics: { ruleId: string }[] };
      expect(out.diagnostics.map((d) => d.ruleId)).toEqual(['missing-subject']);
    } finally {
      t.cleanup();
    }
  });
});

describe('an email with no fixtures', () => {
  const template = '<a href="$!link">Shop</a>\n<img src="http://cdn.example/a.png">\n';

  it('is rendered once with an empty payload, so the output rules run', async () => {
    const found = await lintCase(template);
    const out = found.filter((d) => d.ruleId.startsWith('output-')).map((d) => [d.ruleId, `${d.line}:${d.column}`, d.fixture]);
    expect(out).toEqual([
      ['output-empty-url', '1:1', '(empty payload)'],
      ['output-img-alt', '2:1', '(empty payload)'],
      ['output-img-size', '2:1', '(empty payload)'],
      ['output-insecure-link', '2:1', '(empty payload)'],
    ]);
  });

  it('a bare template file gets the same output checks', async () => {
    const t = tempTree({ 'part.html': template });
    try {
      const r = await runCli(['lint', 'part.html', '--format', 'json'], t.dir);
      const out = JSON.parse(r.stdout) as { diagnostics: { ruleId: string }[] };
      expect(out.diagnostics.map((d) => d.ruleId)).toEqual(['output-empty-url', 'output-img-alt', 'output-img-size', 'output-insecure-link']);
    } finally {
      t.cleanup();
    }
  });

  it('loud references missing from the empty payload are left to loud-reference, not reported twice', async () => {
    const found = await lintCase('<p>Hi $name</p>\n');
    expect(found.map((d) => d.ruleId)).toEqual(['loud-reference']);
  });

  it('a render error for the empty payload is reported', async () => {
    const found = await lintCase('#set($x = [1])$x.get(2)\n', { rule: 'render-error' });
    expect(found.map((d) => [d.ruleId, d.fixture])).toEqual([['render-error', '(empty payload)']]);
  });

  it('with fixtures, no empty payload is added', async () => {
    const found = await lintCase(template, { fixtures: { a: { link: 'https://x.example' } } });
    expect(found.filter((d) => d.fixture === '(empty payload)')).toEqual([]);
    expect(found.map((d) => d.ruleId)).toEqual(['output-img-alt', 'output-img-size', 'output-insecure-link']);
  });
});

/** What velvet render says when an email's fixtures cannot be used: each problem once. */
import { describe, expect, it } from 'vitest';
import { tempTree, velvet } from './helpers.js';

describe('velvet render with no usable fixture', () => {
  it('an only fixture that is malformed is reported once, as the error, with its frame', async () => {
    const dir = tempTree({ 'm/email.html': '$!x', 'm/data/only.json': '{\n  "x": 1,\n}\n' });
    const r = await velvet(['render', 'm'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.match(/Trailing comma/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/^m\/data\/only\.json:2:9 Trailing comma is not allowed in JSON\n/);
    expect(r.stderr).toContain("> 2 |   \"x\": 1,");
  });

  it('several malformed fixtures: the first is the error, the others are listed once each', async () => {
    const dir = tempTree({ 'm/email.html': '$!x', 'm/data/a.json': '{"x": }', 'm/data/b.json': '[1,' });
    const r = await velvet(['render', 'm'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('m/data/a.json').length - 1).toBe(1);
    expect(r.stderr.split('m/data/b.json').length - 1).toBe(1);
    expect(r.stderr).toMatch(/^m\/data\/a\.json:1:7 /m);
  });
});

describe('a block left open is reported at the directive that opens it, as lint and the preview do', () => {
  const tree = () => tempTree({ 'm/email.html': '<p>\n  #foreach($i in $list)\n</p>', 'm/data/a.json': '{"list": []}', 't.vm': 'Hi\n#if($a)\nyes' });

  it('render of an email folder', async () => {
    const r = await velvet(['render', 'm'], { cwd: tree() });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('m/email.html:2:3 #foreach is not closed by #end\n  1 | <p>\n> 2 |   #foreach($i in $list)\n    |   ^\n  3 | </p>\n');
  });

  it('render of a bare template', async () => {
    const r = await velvet(['render', 't.vm'], { cwd: tree() });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('t.vm:2:1 #if is not closed by #end');
  });

  it('build lists it so, and lint agrees', async () => {
    const dir = tree();
    const b = await velvet(['build', 'm', '--out', 'site'], { cwd: dir });
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('  m/email.html:2:3 #foreach is not closed by #end\n    in m / a\n');
    const lint = await velvet(['lint', 'm', '--format', 'json'], { cwd: dir });
    const d = (JSON.parse(lint.stdout) as { diagnostics: { ruleId: string; line: number; column: number; message: string }[] }).diagnostics.find((x) => x.ruleId === 'syntax');
    expect(d).toMatchObject({ line: 2, column: 3, message: '#foreach is not closed by #end' });
  });
});

describe('schema, fixture and new --from say the same of a block left open', () => {
  it('at the directive that opens it', async () => {
    const dir = tempTree({ 'velvet.config.json': '{}', 'm/email.html': '<p>\n  #foreach($i in $list)\n</p>', 'open.html': 'Hi\n#if($a)\nyes' });
    const schema = await velvet(['schema', 'm'], { cwd: dir });
    expect(schema.stderr.split('\n')[0]).toBe('m/email.html:2:3 #foreach is not closed by #end');
    const fixture = await velvet(['fixture', 'm'], { cwd: dir });
    expect(fixture.stderr.split('\n')[0]).toBe('velvet fixture: m/email.html:2:3 #foreach is not closed by #end');
    const created = await velvet(['new', 'x', '--from', 'open.html'], { cwd: dir });
    expect(created.stderr.split('\n')[0]).toBe('velvet new: open.html:2:1 #if is not closed by #end');
  });
});

describe('velvet render of a folder of emails', () => {
  it('says it takes one email, names some, and points at velvet build', async () => {
    const dir = tempTree({ 'velvet.config.json': '{"emails": "emails"}', 'emails/a/email.html': 'a', 'emails/promo/b/email.html': 'b' });
    const r = await velvet(['render', 'emails'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("velvet render: emails is a folder of emails, not one email: give one of them (emails/a, emails/promo/b), or use velvet build to render them all\n");
  });
});

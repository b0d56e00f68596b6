/** Findings in the subject and preheader are placed in the open email.json buffer, not the saved file. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeSession, inProcess, initialize, type TestClient } from './client.js';
import { TEMPLATE, makeProject, type Project } from './project.js';

describe('an unsaved email.json', () => {
  let project: Project;
  let client: TestClient;
  let meta: string;
  beforeEach(async () => {
    project = makeProject();
    meta = join(project.email, 'email.json');
    writeFileSync(meta, '{ "subject": "Hi $firstName" }');
    client = inProcess();
    await initialize(client, project.root);
    await client.open(project.template, TEMPLATE);
    await client.open(meta, '{ "subject": "Hi $firstName" }', 'json');
    await client.diagnostics(meta, (d) => d.some((x) => x.code === 'loud-reference'));
  });
  afterEach(() => closeSession({ project, client }));

  it('places a subject finding in the buffer', async () => {
    const text = '{\n  "preheader": "A preheader long enough to pass the length check of the lint",\n  "subject": "Hello there $firstName"\n}\n';
    await client.change(meta, text);
    const found = await client.diagnostics(meta, (d) => d.some((x) => x.code === 'loud-reference' && x.range.start.line === 2));
    expect(found.find((x) => x.code === 'loud-reference')!.range).toEqual({ start: { line: 2, character: 26 }, end: { line: 2, character: 36 } });
  });

  it('places a syntax error after an emoji at its UTF-16 column', async () => {
    const text = '{\n  "subject": "😀 #if("\n}\n';
    await client.change(meta, text);
    const found = await client.diagnostics(meta, (d) => d.some((x) => x.code === 'syntax'));
    // 😀 is two UTF-16 code units: `#if(` is at 17, the end of the subject at 21
    const at = (m: RegExp) => found.find((x) => x.code === 'syntax' && m.test(String(x.message)))!.range.start;
    expect(at(/#if is not closed/)).toEqual({ line: 1, character: 17 });
    expect(at(/<EOF>/)).toEqual({ line: 1, character: 21 });
  });
});

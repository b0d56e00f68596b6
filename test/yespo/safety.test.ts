import { describe, expect, it } from 'vitest';
import { findLeftoverVelocity } from '../../src/yespo/leftover.js';
import {
  addressesIn, applySubjectPrefix, checkEventContacts, checkRecipients, eventAddresses, isAllowed, resolveAllowList, runSendChecks,
} from '../../src/yespo/safety.js';

describe('allow-list', () => {
  const allow = resolveAllowList(['Me@Example.com', '@Team.example'], undefined);

  it('matches whole addresses and exact domains, case-insensitively', () => {
    expect(allow.source).toBe('config send.allow');
    expect(isAllowed('me@example.com', allow)).toBe(true);
    expect(isAllowed('ME@EXAMPLE.COM', allow)).toBe(true);
    expect(isAllowed('anyone@team.example', allow)).toBe(true);
    expect(isAllowed('Anyone@TEAM.Example', allow)).toBe(true);
    expect(isAllowed('other@example.com', allow)).toBe(false);
    expect(isAllowed('x@sub.team.example', allow)).toBe(false);
    expect(isAllowed('x@team.example.evil.com', allow)).toBe(false);
    expect(isAllowed('team.example', allow)).toBe(false);
  });

  it('takes VELVET_SEND_ALLOW over the config, comma-separated', () => {
    const env = resolveAllowList(['me@example.com'], ' qa@corp.example , @lab.example ');
    expect(env.source).toBe('VELVET_SEND_ALLOW');
    expect(isAllowed('me@example.com', env)).toBe(false);
    expect(isAllowed('qa@corp.example', env)).toBe(true);
    expect(isAllowed('z@lab.example', env)).toBe(true);
  });

  it('accepts *@domain and reports invalid entries', () => {
    const a = resolveAllowList(undefined, '*@ok.example,not-an-entry');
    expect(isAllowed('a@ok.example', a)).toBe(true);
    expect(a.invalid).toEqual(['not-an-entry']);
    expect(checkRecipients(['a@ok.example'], a).problems.join()).toMatch(/neither an address nor an @domain/);
  });

  it('refuses everything when no list is set', () => {
    const none = resolveAllowList(undefined, undefined);
    const r = checkRecipients(['me@example.com'], none);
    expect(r.problems.join()).toMatch(/no allow-list/);
  });

  it('refuses addresses outside the list and names them', () => {
    const r = checkRecipients(['me@example.com,stranger@gmail.com'], allow);
    expect(r.recipients).toEqual(['me@example.com', 'stranger@gmail.com']);
    expect(r.problems).toEqual(['not in the allow-list (config send.allow): stranger@gmail.com']);
  });

  it('allows at most 10 distinct recipients and drops duplicates', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `u${i}@team.example`);
    expect(checkRecipients(eleven, allow).problems.join()).toMatch(/at most 10/);
    const dupes = checkRecipients(['me@example.com', 'ME@example.com', 'me@example.com'], allow);
    expect(dupes.recipients).toEqual(['me@example.com']);
    expect(dupes.problems).toEqual([]);
  });

  it('rejects malformed addresses and an empty --to', () => {
    expect(checkRecipients(['nobody'], allow).problems.join()).toMatch(/not an email address: nobody/);
    expect(checkRecipients([], allow).problems.join()).toMatch(/no recipient/);
  });

  it('checks the contacts an event names', () => {
    const body = { keyValue: 'me@example.com', params: [{ name: 'EmailAddress', value: 'x@gmail.com' }] };
    expect(checkEventContacts(body, allow, false).join()).toMatch(/x@gmail.com/);
    expect(checkEventContacts({ keyValue: '12345' }, allow, false).join()).toMatch(/--force/);
    expect(checkEventContacts({ keyValue: '12345' }, allow, true)).toEqual([]);
    expect(checkEventContacts({ keyValue: 'ME@example.com' }, allow, false)).toEqual([]);
  });
});

describe('event contacts: every address counts', () => {
  const allow = resolveAllowList(['me@example.com', '@team.example'], undefined);
  const refused = (body: Record<string, unknown>, force = false, text?: string) => checkEventContacts(body, allow, force, text).join('\n');

  it('a keyValue that is not an address (phone, contact id) needs --force', () => {
    for (const keyValue of ['+380501234567', '380501234567', 'contact-8812', 8812]) {
      expect(refused({ eventTypeKey: 'x', keyValue, params: [{ name: 'EmailAddress', value: 'me@example.com' }] }), String(keyValue)).toMatch(
        /keyValue '?.*is not .*--force/,
      );
      expect(checkEventContacts({ eventTypeKey: 'x', keyValue, params: [{ name: 'EmailAddress', value: 'me@example.com' }] }, allow, true)).toEqual([]);
    }
    // an address inside a keyValue that is not just that address still has to be allowed
    expect(refused({ keyValue: 'victim@gmail.com;x' }, true)).toMatch(/not in the allow-list .*victim@gmail\.com/);
    expect(refused({ keyValue: { email: 'me@example.com' } })).toMatch(/keyValue is not a string/);
  });

  it('finds addresses in nested param values, also with --force', () => {
    const v2 = { eventTypeKey: 'order', keyValue: 'me@example.com', params: [{ name: 'order', value: { customer: { contacts: [{ email: 'Victim@Gmail.com' }] } } }] };
    expect(refused(v2)).toMatch(/not in the allow-list .*Victim@Gmail\.com/);
    expect(refused(v2, true)).toMatch(/Victim@Gmail\.com/);
    expect(refused({ keyValue: 'me@example.com', params: { deep: [[['x@evil.example']]] } })).toMatch(/x@evil\.example/);
    expect(refused({ keyValue: 'me@example.com', params: [{ name: 'map', value: { 'owner@evil.example': true } }] })).toMatch(/owner@evil\.example/);
  });

  it('finds every address of a list held in one string', () => {
    for (const value of ['me@example.com,victim@gmail.com', 'me@example.com; victim@gmail.com', 'me@example.com victim@gmail.com', 'Victim <victim@gmail.com>', 'mailto:victim@gmail.com', 'see https://x.example/?to=victim@gmail.com&a=1', 'victim@gmail.com.']) {
      const body = { keyValue: 'me@example.com', params: [{ name: 'cc', value }] };
      expect(refused(body), value).toMatch(/not in the allow-list .*victim@gmail\.com/);
    }
    expect(addressesIn('a@team.example,b@team.example;c@team.example')).toEqual(['a@team.example', 'b@team.example', 'c@team.example']);
  });

  it('finds addresses in the escaped JSON strings of v1 params, and in the exact text sent', () => {
    const v1 = { eventTypeKey: 'cart', keyValue: 'me@example.com', params: [{ name: 'json', value: '{"buyer":{"email":"victim\\u0040gmail.com"}}' }] };
    expect(refused(v1)).toMatch(/victim@gmail\.com/);
    // a duplicate key: JSON.parse keeps the last one, the server may read the first
    const text = '{"eventTypeKey":"x","keyValue":"victim@gmail.com","keyValue":"me@example.com"}';
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(refused(body)).toBe('');
    expect(refused(body, false, text)).toMatch(/victim@gmail\.com/);
  });

  it('does not take image file names for addresses, and passes an event that names only allowed contacts', () => {
    const body = {
      eventTypeKey: 'cart',
      keyValue: 'me@example.com',
      params: [{ name: 'img', value: 'https://cdn.example.com/logo@2x.png' }, { name: 'cc', value: 'a@team.example, b@team.example' }],
    };
    expect(eventAddresses(body)).toEqual(['me@example.com', 'a@team.example', 'b@team.example']);
    expect(checkEventContacts(body, allow, false, JSON.stringify(body))).toEqual([]);
  });
});

describe('subject prefix', () => {
  it('adds the prefix once', () => {
    expect(applySubjectPrefix('Hello', '[TEST] ')).toBe('[TEST] Hello');
    expect(applySubjectPrefix('[TEST] Hello', '[TEST] ')).toBe('[TEST] Hello');
    expect(applySubjectPrefix('Hello', '')).toBe('Hello');
  });
});

describe('leftover Velocity detector', () => {
  const texts = (html: string) => findLeftoverVelocity(html).map((f) => f.text);

  it('flags references in every form', () => {
    expect(texts('Hi $name, $!discount ${total} $!{x} $user.firstName')).toEqual([
      '$name', '$!discount', '${total', '$!{x', '$user',
    ]);
  });

  it('flags directives, wrapped in comments or not', () => {
    const html = '<!--#if($a)-->A<!--#else-->B<!--#end--> #foreach ($i in $l) #set($x = 1) #{end} #elseif(';
    expect(texts(html)).toEqual(['#if(', '$a', '#else', '#end', '#foreach (', '$i', '$l', '#set(', '$x', '#{end}', '#elseif(']);
  });

  it('does not flag prices, CSS colours, anchors, entities or jQuery', () => {
    const html = `<style>td{color:#fff;background:#e0e0e0;border-color:#END}</style>
      <p>Only $5 or $ 5, US$12.99, $1,000.00 and 50$!</p>
      <a href="#end">top</a> <a href="page.html#else">x</a> &#36; &#x23; <script>$(function(){ $.ajax() })</script>
      <p>Item #1 and #2, #endless #settings #iffy</p>`;
    expect(texts(html)).toEqual([]);
  });

  it('does not flag an escaped reference', () => {
    expect(texts('literal \\$name')).toEqual([]);
  });

  it('gives line, column and an excerpt', () => {
    const [f] = findLeftoverVelocity('<p>ok</p>\n<p>Hello $firstName!</p>');
    expect(f).toMatchObject({ text: '$firstName', line: 2, column: 10, excerpt: '<p>Hello $firstName!</p>' });
  });
});

describe('send checks', () => {
  const input = { email: 'welcome', subject: 'Hi', html: '<p>Hi $name</p>' };

  it('blocks on leftover code unless forced', async () => {
    expect((await runSendChecks(input, false)).blocked).toBe(true);
    expect((await runSendChecks(input, true)).blocked).toBe(false);
    expect((await runSendChecks({ ...input, html: '<p>Hi</p>' }, false)).blocked).toBe(false);
  });

  it('lets the checks hook block a send (lint errors) and pass warnings', async () => {
    const clean = { ...input, html: '<p>ok</p>' };
    const lint = () => [{ severity: 'error' as const, rule: 'no-velocity-count', message: 'uses $velocityCount' }];
    const warn = async () => [{ severity: 'warning' as const, rule: 'img-alt', message: 'missing alt' }];
    expect((await runSendChecks(clean, false, lint)).blocked).toBe(true);
    expect((await runSendChecks(clean, true, lint)).blocked).toBe(false);
    const w = await runSendChecks(clean, false, warn);
    expect(w.blocked).toBe(false);
    expect(w.findings).toHaveLength(1);
  });

  it('checks the subject too', async () => {
    const v = await runSendChecks({ ...input, subject: 'Hi $first', html: '' }, false);
    expect(v.findings[0]?.message).toMatch(/rendered subject/);
  });
});

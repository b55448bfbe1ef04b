// The words clerks type for contact methods, intents and transaction kinds.
import { describe, expect, it } from 'vitest';
import { INTENTS, parseIntent, parseMethod, VISIT_METHODS } from '../../src/core/visit.js';
import { parseTransactionKind, TRANSACTION_KINDS } from '../../src/core/transaction.js';
import { EMPTY_CALENDAR } from '../../src/core/calendar.js';
import { minutesDue } from '../../src/views/visit.js';

describe('parseMethod', () => {
  it.each([
    ['in-person', 'in-person'],
    ['In-Person', 'in-person'],
    ['in person', 'in-person'],
    ['in_person', 'in-person'],
    ['visit', 'in-person'],
    ['面谈', 'in-person'],
    ['上门', 'in-person'],
    ['拜访', 'in-person'],
    ['phone', 'phone'],
    ['PHONE', 'phone'],
    ['call', 'phone'],
    ['电话', 'phone'],
    [' 电话 ', 'phone'],
    ['email', 'email'],
    ['e-mail', 'email'],
    ['邮件', 'email'],
    ['fax', 'fax'],
    ['传真', 'fax'],
    ['mail', 'mail'],
    ['letter', 'mail'],
    ['信函', 'mail'],
    ['邮寄', 'mail'],
    ['message', 'message'],
    ['sms', 'message'],
    ['WeChat', 'message'],
    ['微信', 'message'],
    ['短信', 'message'],
  ])('%j → %s', (text, method) => {
    expect(parseMethod(text)).toBe(method);
  });

  it.each(['', '  ', 'walk', 'telegram', '面', 'in-person!', 'inperson visit'])('rejects %j', (text) => {
    expect(parseMethod(text)).toBeNull();
  });

  it('every method code reads as itself', () => {
    for (const method of VISIT_METHODS) expect(parseMethod(method)).toBe(method);
  });
});

describe('parseIntent', () => {
  it.each([
    ['high', 'high'],
    ['HIGH', 'high'],
    ['高', 'high'],
    ['强', 'high'],
    ['medium', 'medium'],
    ['中', 'medium'],
    ['一般', 'medium'],
    ['low', 'low'],
    [' Low ', 'low'],
    ['低', 'low'],
    ['弱', 'low'],
  ])('%j → %s', (text, intent) => {
    expect(parseIntent(text)).toBe(intent);
  });

  it.each(['', 'urgent', 'mid', '很高', 'none'])('rejects %j', (text) => {
    expect(parseIntent(text)).toBeNull();
  });

  it('every intent code reads as itself', () => {
    for (const intent of INTENTS) expect(parseIntent(intent)).toBe(intent);
  });
});

describe('parseTransactionKind', () => {
  it.each([
    ['sale', 'sale'],
    ['SALE', 'sale'],
    ['销售', 'sale'],
    ['销货', 'sale'],
    ['sample', 'sample'],
    ['样品', 'sample'],
    ['赠样', 'sample'],
    ['return', 'return'],
    ['Return', 'return'],
    ['退货', 'return'],
    ['销退', 'return'],
    ['', 'sale'],
    ['   ', 'sale'],
  ])('%j → %s', (text, kind) => {
    expect(parseTransactionKind(text)).toBe(kind);
  });

  it.each(['gift', 'refund', '赠品', 'sales', '销'])('rejects %j', (text) => {
    expect(parseTransactionKind(text)).toBeNull();
  });

  it('every kind code reads as itself', () => {
    for (const kind of TRANSACTION_KINDS) expect(parseTransactionKind(kind)).toBe(kind);
  });
});

describe('minutesDue: in-person visits that happened, `minutes.working_days` after them', () => {
  it.each([
    ['a Friday in-person visit → Tuesday', { method: 'in-person', done: 1, date: '2026-11-20' }, 2, '2026-11-24'],
    ['a Monday in-person visit → Wednesday', { method: 'in-person', done: 1, date: '2026-11-23' }, 2, '2026-11-25'],
    ['a three-day setting from Friday → Wednesday', { method: 'in-person', done: 1, date: '2026-11-20' }, 3, '2026-11-25'],
    ['a phone call has none', { method: 'phone', done: 1, date: '2026-11-20' }, 2, null],
    ['an e-mail has none', { method: 'email', done: 1, date: '2026-11-20' }, 2, null],
    ['a plan not done yet has none', { method: 'in-person', done: 0, date: '2026-11-20' }, 2, null],
  ] as const)('%s', (_label, visit, days, due) => {
    expect(minutesDue(visit, { calendar: EMPTY_CALENDAR, workingDays: days })).toBe(due);
  });

  it('follows the calendar: a holiday on the Monday moves a Friday visit to Wednesday', () => {
    const calendar = { holidays: new Set(['2026-11-23']), workdays: new Set<string>() };
    expect(minutesDue({ method: 'in-person', done: 1, date: '2026-11-20' }, { calendar, workingDays: 2 })).toBe('2026-11-25');
  });
});

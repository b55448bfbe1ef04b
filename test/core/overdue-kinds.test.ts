import { describe, expect, it } from 'vitest';
import { OVERDUE_KINDS, parseOverdueKind } from '../../src/core/overdue.js';

describe('parseOverdueKind', () => {
  it.each(OVERDUE_KINDS.map((kind) => [kind]))('the code %s is itself', (kind) => {
    expect(parseOverdueKind(kind)).toBe(kind);
  });

  it.each([
    ['首次联系', 'first-contact'],
    ['计划未执行', 'plan-missed'],
    ['反馈表寄出', 'form-send'],
    ['走访单审批', 'plan-approval'],
    ['first contact', 'first-contact'],
    ['missed plan', 'plan-missed'],
    ['Form to send', 'form-send'],
    [' form_return ', 'form-return'],
  ])('the label %s', (label, kind) => {
    expect(parseOverdueKind(label)).toBe(kind);
  });

  it.each([['期间表'], [''], ['plan'], ['first--contact']])('%s is no kind', (text) => {
    expect(parseOverdueKind(text)).toBeNull();
  });
});

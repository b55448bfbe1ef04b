import { describe, expect, it } from 'vitest';
import { customerStatus } from '../../src/core/status.js';

describe('customerStatus', () => {
  it.each([
    ['no business yet', null, null, 'prospect'],
    ['business inside the dormant window', null, '2026-06-01', 'active'],
    ['business exactly 6 months before', null, '2026-05-23', 'active'],
    ['business before the dormant window', null, '2026-05-22', 'dormant'],
    ['closed before as-of', '2026-10-01', '2026-11-01', 'closed'],
    ['closed on as-of', '2026-11-23', null, 'closed'],
    ['closed after as-of is not closed yet', '2026-12-01', null, 'prospect'],
  ])('%s', (_, closedOn, lastBusiness, status) => {
    expect(customerStatus({ closedOn, lastBusiness }, '2026-11-23', 6)).toBe(status);
  });
});

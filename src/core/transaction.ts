import type { TransactionKind } from './eligibility.js';

export const TRANSACTION_KINDS: readonly TransactionKind[] = ['sale', 'sample', 'return'];

const WORDS: Record<string, TransactionKind> = {
  sale: 'sale',
  销售: 'sale',
  销货: 'sale',
  sample: 'sample',
  样品: 'sample',
  赠样: 'sample',
  return: 'return',
  退货: 'return',
  销退: 'return',
};

/** `sale`/`sample`/`return` or 销售/样品/退货; empty means `sale` (README, "Importing data"). */
export function parseTransactionKind(text: string): TransactionKind | null {
  const word = text.normalize('NFKC').trim().toLowerCase();
  if (word === '') return 'sale';
  return WORDS[word] ?? null;
}

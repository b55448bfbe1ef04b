// Visits: the contact methods and intents, in codes and the words clerks type.

export const VISIT_METHODS = ['in-person', 'phone', 'email', 'fax', 'mail', 'message'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];

export const INTENTS = ['high', 'medium', 'low'] as const;
export type Intent = (typeof INTENTS)[number];

const METHOD_WORDS: Record<string, VisitMethod> = {
  inperson: 'in-person',
  visit: 'in-person',
  meeting: 'in-person',
  面谈: 'in-person',
  面访: 'in-person',
  上门: 'in-person',
  拜访: 'in-person',
  当面: 'in-person',
  会面: 'in-person',
  phone: 'phone',
  call: 'phone',
  telephone: 'phone',
  电话: 'phone',
  电访: 'phone',
  email: 'email',
  'e-mail': 'email',
  邮件: 'email',
  电子邮件: 'email',
  fax: 'fax',
  传真: 'fax',
  mail: 'mail',
  letter: 'mail',
  post: 'mail',
  信函: 'mail',
  邮寄: 'mail',
  信件: 'mail',
  message: 'message',
  sms: 'message',
  wechat: 'message',
  im: 'message',
  短信: 'message',
  微信: 'message',
  消息: 'message',
};

const INTENT_WORDS: Record<string, Intent> = {
  high: 'high',
  高: 'high',
  强: 'high',
  medium: 'medium',
  中: 'medium',
  一般: 'medium',
  low: 'low',
  低: 'low',
  弱: 'low',
};

const key = (text: string): string =>
  text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/gu, '')
    .replace(/^in-person$/u, 'inperson');

export function parseMethod(text: string): VisitMethod | null {
  return METHOD_WORDS[key(text)] ?? null;
}

export function parseIntent(text: string): Intent | null {
  return INTENT_WORDS[key(text)] ?? null;
}

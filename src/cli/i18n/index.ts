// Messages for people, in English and Chinese. JSON keys never depend on the language.
import type { MessageKey } from './en.js';
import type { Params } from '../../errors.js';

export type Lang = 'en' | 'zh';
export type Translator = (key: MessageKey, params?: Params) => string;
export type { MessageKey };

/** Only the catalog in use is loaded. */
export async function loadCatalog(lang: Lang): Promise<Record<MessageKey, string>> {
  return lang === 'zh' ? (await import('./zh.js')).zh : (await import('./en.js')).en;
}

export async function loadTranslator(lang: Lang): Promise<Translator> {
  return translator(await loadCatalog(lang));
}

export function translator(catalog: Record<MessageKey, string>): Translator {
  return (key, params) => interpolate(catalog[key] ?? key, params);
}

export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** `--lang` wins; else the first set of LC_ALL, LC_MESSAGES, LANG decides: `zh…` → Chinese. */
export function detectLang(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice(7) : undefined;
    if (value === 'en' || value === 'zh') return value;
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

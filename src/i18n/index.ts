// Messages for people, in English and Chinese. JSON keys never depend on the language.
import type { MessageKey } from './en/index.js';
import type { Params } from '../errors.js';

export type Lang = 'en' | 'zh';
export type Translator = (key: MessageKey, params?: Params) => string;
export type { MessageKey };

/**
 * Only the catalog in use is loaded. It goes straight to the translator, never through a promise (which would ask
 * it for `then`): the check bundle's catalog reads the rest of its messages on the first key it lacks (build.mjs).
 */
export async function loadTranslator(lang: Lang): Promise<Translator> {
  return translator(lang === 'zh' ? (await import('./zh/index.js')).zh : (await import('./en/index.js')).en);
}

export function translator(catalog: Record<MessageKey, string>): Translator {
  return (key, params) => interpolate(catalog[key] ?? key, params);
}

/** A template split once at its `{name}` places: even indices are text, odd ones names. */
const compiled = new Map<string, string[]>();

export function interpolate(template: string, params: Params = {}): string {
  // Messages are built per row in long lists (the overdue details): split each template only once.
  let parts = compiled.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/u);
    if (compiled.size < 10_000) compiled.set(template, parts);
  }
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    text += (Object.hasOwn(params, name) ? String(params[name]) : `{${name}}`) + parts[i + 1]!;
  }
  return text;
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

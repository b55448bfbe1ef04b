// Every command and option explains itself, with at least one example, in both languages (issue 6).
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program.js';
import { translator } from '../../src/i18n/index.js';
import { en } from '../../src/i18n/en/index.js';
import { zh } from '../../src/i18n/zh/index.js';
import type { Lang } from '../../src/i18n/index.js';

function program(lang: Lang): { root: Command; help: (cmd: Command) => string } {
  let out = '';
  const stdout = new PassThrough();
  stdout.on('data', (chunk) => (out += String(chunk)));
  const streams = { stdin: new PassThrough(), stdout, stderr: new PassThrough() };
  const root = buildProgram({ streams, env: {}, now: () => new Date('2026-11-23T09:00:00Z') }, lang, translator(lang === 'zh' ? zh : en), {
    exitCode: 0,
  });
  const help = (cmd: Command): string => {
    out = '';
    cmd.outputHelp();
    stdout.read();
    return out;
  };
  return { root, help };
}

function leaves(cmd: Command, path: string[] = []): Array<{ cmd: Command; path: string }> {
  const subs = cmd.commands.filter((c) => c.name() !== 'help');
  if (subs.length === 0) return [{ cmd, path: path.join(' ') }];
  return subs.flatMap((c) => leaves(c, [...path, c.name()]));
}

function all(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.filter((c) => c.name() !== 'help').flatMap(all)];
}

describe.each([
  ['en', 'Example:'],
  ['zh', '示例：'],
] as const)('help in %s', (lang, example) => {
  const { root, help } = program(lang);

  it('every command has a one-line description', () => {
    for (const cmd of all(root)) {
      expect(cmd.description().trim(), cmd.name()).not.toBe('');
      expect(cmd.description(), cmd.name()).not.toContain('\n');
    }
  });

  it('every command and option of every leaf command is described, with at least one example', () => {
    const commands = leaves(root);
    expect(commands.length).toBeGreaterThan(35);
    for (const { cmd, path } of commands) {
      const text = help(cmd);
      expect(text, path).toContain(`${example} custrack`);
      for (const option of cmd.options) expect(option.description.trim(), `${path} ${option.flags}`).not.toBe('');
      for (const argument of cmd.registeredArguments) expect(argument.description.trim(), `${path} <${argument.name()}>`).not.toBe('');
    }
  });

  it('every global option is described', () => {
    for (const option of root.options) expect(option.description.trim(), option.flags).not.toBe('');
  });
});

describe('custrack --help', () => {
  it('groups the commands by job', () => {
    const { root, help } = program('en');
    const text = help(root);
    const order = ['Customers:', 'Contact:', 'Feedback forms:', 'Applications:', 'Lists and reports:', 'Data:', 'Database:'].map((h) =>
      text.indexOf(h),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('is Chinese under zh, commander headings included', () => {
    const { root, help } = program('zh');
    const text = help(root);
    for (const heading of [
      '用法：',
      '选项：',
      '全局选项：',
      '客户：',
      '联系与拜访：',
      '反馈意见表：',
      '新客户申请：',
      '清单与报表：',
      '数据导入导出：',
      '数据库：',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).not.toMatch(/\bUsage:|\bOptions:|display help for command/u);
  });
});

describe.each(['en', 'zh'] as const)('the program help (%s) names both engines', (lang) => {
  it('--db takes a SQLite file or a postgres:// URL, and the data line says so', () => {
    const { root, help } = program(lang);
    const text = help(root);
    expect(text).toMatch(/SQLite/u);
    expect(text).toMatch(/PostgreSQL/u);
    const db = text.slice(text.indexOf('--db <file>'));
    expect(db.slice(0, 200)).toContain('postgres://');
    expect(text).toMatch(/CUSTRACK_DB[^\n]*\n?[^\n]*postgres:\/\//u);
  });
});

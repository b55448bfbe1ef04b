// 命令行自动补全。
import type { completion as en } from '../en/completion.js';

export const completion: Record<keyof typeof en, string> = {
  'cmd.completion': '输出命令行自动补全脚本（命令、选项及其取值，客户名称取自数据库）',
  'arg.shell': 'shell：bash、zsh 或 fish',
};

import { Command } from 'commander';
import type { App } from '../../cli/command.js';
import { checkCommand } from './check.js';
import { copyCommand } from './copy.js';

export function dbCommand(app: App): Command {
  return new Command('db').description(app.t('cmd.db')).addCommand(checkCommand(app)).addCommand(copyCommand(app));
}

import { Command } from 'commander';
import type { App } from '../../cli/command.js';
import { sendCommand } from './send.js';
import { returnCommand } from './return.js';
import { listCommand } from './list.js';
import { showCommand } from './show.js';

export function formCommand(app: App): Command {
  return new Command('form')
    .description(app.t('cmd.form'))
    .addCommand(sendCommand(app))
    .addCommand(returnCommand(app))
    .addCommand(listCommand(app))
    .addCommand(showCommand(app));
}

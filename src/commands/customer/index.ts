import { Command } from 'commander';
import type { App } from '../../cli/command.js';
import { addCommand } from './add.js';
import { listCommand } from './list.js';
import { showCommand } from './show.js';
import { editCommand } from './edit.js';
import { assignCommand } from './assign.js';
import { closeCommand } from './close.js';
import { reopenCommand } from './reopen.js';

export function customerCommand(app: App): Command {
  return new Command('customer')
    .description(app.t('cmd.customer'))
    .addCommand(addCommand(app))
    .addCommand(listCommand(app))
    .addCommand(showCommand(app))
    .addCommand(editCommand(app))
    .addCommand(assignCommand(app))
    .addCommand(closeCommand(app))
    .addCommand(reopenCommand(app));
}

/** `custrack register` is `custrack customer add`. */
export function registerCommand(app: App): Command {
  return addCommand(app, undefined, 'register');
}

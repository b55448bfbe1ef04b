import { Command } from 'commander';
import type { App } from '../../cli/command.js';
import { addCommand } from './add.js';
import { verifyCommand } from './verify.js';
import { handleCommand } from './handle.js';
import { followupCommand } from './followup.js';
import { listCommand } from './list.js';
import { showCommand } from './show.js';

export function complaintCommand(app: App): Command {
  return new Command('complaint')
    .description(app.t('cmd.complaint'))
    .addCommand(addCommand(app))
    .addCommand(verifyCommand(app))
    .addCommand(handleCommand(app))
    .addCommand(followupCommand(app))
    .addCommand(listCommand(app))
    .addCommand(showCommand(app));
}

import { Command } from 'commander';
import type { App } from '../../cli/command.js';
import { listCommand } from './list.js';
import { showCommand } from './show.js';
import { verifyCommand } from './verify.js';
import { approveCommand } from './approve.js';
import { rejectCommand } from './reject.js';

export function applicationCommand(app: App): Command {
  return new Command('application')
    .description(app.t('cmd.application'))
    .addCommand(listCommand(app))
    .addCommand(showCommand(app))
    .addCommand(verifyCommand(app))
    .addCommand(approveCommand(app))
    .addCommand(rejectCommand(app));
}

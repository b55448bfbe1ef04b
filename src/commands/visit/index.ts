import { Command } from 'commander';
import type { App } from '../../cli/command.js';
import { addCommand } from './add.js';
import { planCommand } from './plan.js';
import { doneCommand } from './done.js';
import { sheetCommand } from './sheet.js';
import { minutesCommand } from './minutes.js';
import { listCommand } from './list.js';
import { approveCommand } from './approve.js';
import { rejectCommand } from './reject.js';

export function visitCommand(app: App): Command {
  return new Command('visit')
    .description(app.t('cmd.visit'))
    .addCommand(addCommand(app))
    .addCommand(planCommand(app))
    .addCommand(doneCommand(app))
    .addCommand(sheetCommand(app))
    .addCommand(minutesCommand(app))
    .addCommand(listCommand(app))
    .addCommand(approveCommand(app))
    .addCommand(rejectCommand(app));
}

import { Command } from 'commander';
import type { App } from '../../cli/command.js';
import { listCommand } from './list.js';
import { getCommand } from './get.js';
import { setCommand } from './set.js';
import { calendarCommand } from './calendar/index.js';

export function configCommand(app: App): Command {
  return new Command('config')
    .description(app.t('cmd.config'))
    .addCommand(listCommand(app))
    .addCommand(getCommand(app))
    .addCommand(setCommand(app))
    .addCommand(calendarCommand(app, 'holiday'))
    .addCommand(calendarCommand(app, 'workday'));
}

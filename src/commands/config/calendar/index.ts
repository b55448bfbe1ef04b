// `config holiday|workday add|remove|list`: the working-day calendar (docs/rules.md, rules 8 and 13). The official
// holidays and adjusted working days are built in; what the clerk adds or removes overrides them.
import { Command } from 'commander';
import type { App } from '../../../cli/command.js';
import type { DayKind } from '../../../app/store.js';
import { calendarAddCommand } from './add.js';
import { calendarListCommand } from './list.js';
import { calendarRemoveCommand } from './remove.js';

export function calendarCommand(app: App, kind: DayKind): Command {
  return new Command(kind)
    .description(app.t(`cmd.config.${kind}`))
    .addCommand(calendarAddCommand(app, kind))
    .addCommand(calendarRemoveCommand(app, kind))
    .addCommand(calendarListCommand(app, kind));
}

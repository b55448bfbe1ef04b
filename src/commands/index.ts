// Registers every command, grouped by job in `custrack --help`.
import type { Command } from 'commander';
import type { App } from '../cli/command.js';
import { customerCommand, registerCommand } from './customer/index.js';
import { configCommand } from './config/index.js';
import { historyCommand } from './history.js';
import { initCommand } from './init.js';
import { backupCommand } from './backup.js';
import { dbCommand } from './db/check.js';
import { demoCommand } from './demo.js';
import { checkCommand } from './check/check.js';
import { applyCommand } from './application/apply.js';
import { applicationCommand } from './application/index.js';
import { importCommand } from './data/import.js';
import { exportCommand } from './data/export.js';
import { visitCommand } from './visit/index.js';
import { formCommand } from './form/index.js';
import { overdueCommand } from './overdue.js';
import { reportCommand } from './report/monthly.js';
import { completionCommand } from './completion.js';

export function registerCommands(program: Command, app: App): void {
  const { t } = app;
  program.commandsGroup(t('group.customers'));
  program.addCommand(customerCommand(app));
  program.addCommand(registerCommand(app));
  program.addCommand(checkCommand(app));
  program.commandsGroup(t('group.contact'));
  program.addCommand(visitCommand(app));
  program.commandsGroup(t('group.forms'));
  program.addCommand(formCommand(app));
  program.commandsGroup(t('group.applications'));
  program.addCommand(applyCommand(app));
  program.addCommand(applicationCommand(app));
  program.commandsGroup(t('group.reports'));
  program.addCommand(overdueCommand(app));
  program.addCommand(reportCommand(app));
  program.commandsGroup(t('group.data'));
  program.addCommand(importCommand(app));
  program.addCommand(exportCommand(app));
  program.commandsGroup(t('group.database'));
  program.addCommand(initCommand(app));
  program.addCommand(configCommand(app));
  program.addCommand(historyCommand(app));
  program.addCommand(backupCommand(app));
  program.addCommand(dbCommand(app));
  program.addCommand(demoCommand(app));
  program.addCommand(completionCommand(app));
}

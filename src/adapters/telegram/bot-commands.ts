import type { BotCommand } from 'grammy/types';
import type { Locale } from '../../chat/model.js';
import { commandWords, parseCommand } from '../../chat/parse-command.js';
import { allManifestHelp } from '../../features/registry.js';

const SEPARATOR = ' — ';

/**
 * The command menu Telegram shows for `/`, in one language: built from the help lines of the
 * catalogue (`WORDS ARGS — what it does`), so it always matches what `/help` says. Telegram
 * commands are the English names; descriptions are in the locale.
 */
export function commandMenu(locale: Locale): BotCommand[] {
  const lines = allManifestHelp(locale);
  const menu: BotCommand[] = [];
  for (const line of lines) {
    const at = line.indexOf(SEPARATOR);
    if (at <= 0) continue;
    const parsed = parseCommand(line.slice(0, at));
    if (parsed.kind !== 'command') continue;
    const command = commandWords(parsed.command.name).en.toLowerCase();
    if (!/^[a-z0-9_]{1,32}$/.test(command) || menu.some((c) => c.command === command)) continue;
    const description = line.slice(at + SEPARATOR.length).trim().slice(0, 256);
    if (description) menu.push({ command, description });
  }
  return menu.slice(0, 100);
}

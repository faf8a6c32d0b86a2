/**
 * Reads the registered manifests for the parts of the service assembled from them: the command
 * words (parser), the router's features (core), the help, reminders (ticker), the agenda's opening
 * lines, report views and CLI commands.
 */
import type { Clock } from '../app/clock.js';
import type { Community } from '../app/communities.js';
import type { Feature } from '../chat/context.js';
import type { Locale } from '../chat/model.js';
import type { CommandName } from '../chat/parse-command.js';
import type { Db } from '../db/client.js';
import { MANIFESTS } from './index.js';
import type { FeatureHandlers, FeatureManifest, HelpAudience, ManifestCommand, ReminderProvider, ReportView } from './manifest.js';

/** Every command declared by a manifest. */
export function manifestCommands(): ManifestCommand[] {
  return MANIFESTS.flatMap((m) => m.commands);
}

/** The manifest command of that name, if a manifest declares it. */
export function manifestCommand(name: string): ManifestCommand | undefined {
  return manifestCommands().find((c) => c.name === name);
}

/** Commands declared by manifests whose change moves reminders. */
export function reminderMovingCommands(): CommandName[] {
  return manifestCommands().filter((c) => c.movesReminders).map((c) => c.name);
}

/** A manifest as a feature of the router: its commands, handled by its handlers (loaded on first use). */
export function featureOf(m: FeatureManifest): Feature {
  let loading: Promise<FeatureHandlers> | undefined;
  // Once loaded, the handlers are called directly: a vote waits for nothing more than its own work.
  let loaded: FeatureHandlers | undefined;
  const handlers = (): Promise<FeatureHandlers> =>
    (loading ??= m.handlers().then((h) => (loaded = h)));
  const buttons = m.buttons;
  const fallback = m.commands.find((c) => c.fallback);
  return {
    commands: m.commands.map((c) => c.name),
    ownCommit: [...m.commands.filter((c) => c.ownCommit).map((c) => c.name), ...(buttons?.ownCommit ? (['button'] as const) : [])],
    beforeLink: m.commands.filter((c) => c.beforeLink).map((c) => c.name),
    ...(fallback ? { fallback: fallback.name } : {}),
    handle: (ctx, cmd) => (loaded ? loaded.handle(ctx, cmd) : handlers().then((h) => h.handle(ctx, cmd))),
    ...(buttons
      ? {
          buttonPrefixes: [buttons.prefix],
          handleButton: (ctx, data) => {
            const press = (h: FeatureHandlers): Promise<void> => (h.onButton ? h.onButton(ctx, data) : Promise.resolve());
            return loaded ? press(loaded) : handlers().then(press);
          },
        }
      : {}),
    onText: {
      ...(m.overhears ? { overhears: m.overhears } : {}),
      handle: async (ctx) => {
        const h = await handlers();
        return h.onText ? h.onText(ctx) : false;
      },
    },
  };
}

/** The router's features from every manifest, in registration order, those that overhear group text last (they take any question). */
export function manifestFeatures(): Feature[] {
  return [...MANIFESTS.filter((m) => !m.overhears), ...MANIFESTS.filter((m) => m.overhears)].map(featureOf);
}

/** Help lines of manifest commands meant for exactly this audience, in registration order. */
export function manifestHelp(locale: Locale, who: HelpAudience): string[] {
  return helpLines(MANIFESTS).filter((l) => l.who === who).map((l) => l.help[locale]);
}

/** Every manifest help line in a locale (the Telegram command menu), in registration order. */
export function allManifestHelp(locale: Locale): string[] {
  return helpLines(MANIFESTS).map((l) => l.help[locale]);
}

function helpLines(manifests: readonly FeatureManifest[]): { who: HelpAudience; help: Record<Locale, string> }[] {
  return manifests.flatMap((m) => m.commands).flatMap((c) => [...(c.help ? [{ who: c.who, help: c.help }] : []), ...(c.moreHelp ?? [])]);
}

/** The provider of a reminder kind, if a manifest registered it. */
export function reminderProvider(kind: string): ReminderProvider | undefined {
  return MANIFESTS.find((m) => m.reminders?.kinds.includes(kind))?.reminders;
}

/** What a manifest calls its reminder kind, in a locale (the desk's reminders schedule). */
export function reminderKindLabel(kind: string, locale: Locale): string | undefined {
  return reminderProvider(kind)?.labels?.[kind]?.[locale];
}

/** Every registered reminder provider. */
export function reminderProviders(): ReminderProvider[] {
  return MANIFESTS.flatMap((m) => (m.reminders ? [m.reminders] : []));
}

/** The lines every feature puts at the top of the deliberation day's agenda. */
export async function agendaOpening(db: Db, clock: Clock, community: Community, locale: Locale): Promise<string[]> {
  const out: string[] = [];
  for (const m of MANIFESTS) if (m.agenda) out.push(...(await m.agenda(db, clock, community, locale)));
  return out;
}

/** Report views declared by manifests. */
export function manifestReports(): ReportView[] {
  return MANIFESTS.flatMap((m) => m.reports ?? []);
}

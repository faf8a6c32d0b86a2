import { z } from 'zod';

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'is not an IANA time zone such as Asia/Shanghai');

const url = (what: string) =>
  z.string().refine((s) => {
    try {
      new URL(s);
      return true;
    } catch {
      return false;
    }
  }, `is not a valid ${what} URL`);

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

const schema = z.object({
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    url('PostgreSQL')
      .refine((s) => /^postgres(ql)?:$/.test(new URL(s).protocol), 'must start with postgres:// or postgresql://')
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  TELEGRAM_BOT_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^\d+:[\w-]{20,}$/, 'does not look like a bot token from @BotFather (digits, a colon, then the secret)').optional(),
  ),
  TELEGRAM_API_ROOT: z.preprocess(emptyAsUndefined, url('HTTP').default('https://api.telegram.org')),
  TELEGRAM_WEBHOOK_URL: z.preprocess(emptyAsUndefined, url('HTTPS').optional()),
  WECHATY_PUPPET: z.preprocess(emptyAsUndefined, z.string().regex(/^[@\w./-]+$/, 'is not a package name').optional()),
  WECHATY_PUPPET_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
  HTTP_PORT: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535')
      .transform(Number)
      .refine((n) => n <= 65535, 'must be a port number from 0 to 65535')
      .default(8080),
  ),
  HTTP_HOST: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[\w.:-]+$|^\[[\da-fA-F:.]+\]$/, 'is not a host name or IP address (e.g. 127.0.0.1, or 0.0.0.0 for all addresses)')
      .transform((h) => h.replace(/^\[(.*)\]$/, '$1'))
      .default('127.0.0.1'),
  ),
  PUBLIC_URL: z.preprocess(
    emptyAsUndefined,
    url('HTTP')
      .refine((s) => /^https?:$/.test(new URL(s).protocol), 'must start with http:// or https:// (the address residents open the pages at)')
      .transform((s) => s.replace(/\/+$/, ''))
      .optional(),
  ),
  DEFAULT_TIMEZONE: z.preprocess(emptyAsUndefined, timeZone.default('Asia/Shanghai')),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export type Config = z.infer<typeof schema>;

/** The address residents reach the pages at: `PUBLIC_URL`, else `http://HTTP_HOST:HTTP_PORT` (SPEC §2, §13). */
export function publicUrlOf(config: Pick<Config, 'PUBLIC_URL' | 'HTTP_HOST' | 'HTTP_PORT'>, port = config.HTTP_PORT): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL;
  const host = config.HTTP_HOST.includes(':') ? `[${config.HTTP_HOST}]` : config.HTTP_HOST;
  return `http://${host}:${port}`;
}

/** A configuration mistake: names the variable and the reason; the process exits with code 2. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; reason: string }[]) {
    super(problems.map((p) => `${p.variable}: ${p.reason}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Validates the environment (SPEC §2). The only reader of process.env in the product. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), reason: i.message })),
    );
  }
  return parsed.data;
}

/** Loads the config or prints the problems and exits with code 2. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const p of err.problems) process.stderr.write(`Configuration error: ${p.variable} ${p.reason}\n`);
      process.exit(2);
    }
    throw err;
  }
}

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      DATA_DIR: './data',
      TELEGRAM_API_ROOT: 'https://api.telegram.org',
      HTTP_PORT: 8080,
      DEFAULT_TIMEZONE: 'Asia/Shanghai',
      LOG_LEVEL: 'info',
    });
  });

  it('names each bad variable and the reason', () => {
    try {
      loadConfig({ HTTP_PORT: '99999', DEFAULT_TIMEZONE: 'Mars/Base', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', TELEGRAM_BOT_TOKEN: 'abc' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const vars = (err as ConfigError).problems.map((p) => p.variable).sort();
      expect(vars).toEqual(['DATABASE_URL', 'DEFAULT_TIMEZONE', 'HTTP_PORT', 'LOG_LEVEL', 'TELEGRAM_BOT_TOKEN']);
      expect((err as Error).message).toContain('HTTP_PORT: must be a port number');
    }
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '' }).DATABASE_URL).toBeUndefined();
  });
});

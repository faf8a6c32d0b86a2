import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      DATA_DIR: './data',
      TELEGRAM_API_ROOT: 'https://api.telegram.org',
      HTTP_PORT: 8080,
      HTTP_HOST: '127.0.0.1',
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

  it('listens on the address HTTP_HOST names and refuses one that is not an address', () => {
    expect(loadConfig({ HTTP_HOST: '0.0.0.0' }).HTTP_HOST).toBe('0.0.0.0');
    expect(loadConfig({ HTTP_HOST: '[::1]' }).HTTP_HOST).toBe('::1');
    expect(() => loadConfig({ HTTP_HOST: 'http://x/' })).toThrow('HTTP_HOST: is not a host name or IP address');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '' }).DATABASE_URL).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { parseSpokenDate } from '../../src/chat/parse-date.js';
import { parseDeadline } from '../../src/chat/parse-deadline.js';

const SH = 'Asia/Shanghai';
const at = (iso: string, timezone = SH) => ({ now: new Date(iso), timezone });
const local = (text: string, ref: { now: Date; timezone: string }) => parseSpokenDate(text, ref)?.local;

describe('spoken dates on the community calendar', () => {
  it('counts 明天, 后天 and 今天 from the day in Shanghai just after its midnight (still the day before in UTC)', () => {
    const ref = at('2026-12-01T20:00:00Z'); // 04:00 on 12-02 in Shanghai
    expect(local('明天晚上7点', ref)).toBe('2026-12-03 19:00');
    expect(local('后天下午3点', ref)).toBe('2026-12-04 15:00');
    expect(local('今天晚上10点', ref)).toBe('2026-12-02 22:00');
    expect(local('明天', ref)).toBe('2026-12-03 23:59');
    expect(local('tomorrow 7pm', ref)).toBe('2026-12-03 19:00');
  });

  it('counts them from the day in Shanghai just before its midnight', () => {
    const ref = at('2026-12-01T15:59:00Z'); // 23:59 on 12-01 in Shanghai
    expect(local('明天晚上7点', ref)).toBe('2026-12-02 19:00');
    expect(local('后天下午3点', ref)).toBe('2026-12-03 15:00');
    expect(local('今天晚上10点', ref)).toBe('2026-12-01 22:00');
  });

  it('reads weekdays and the month end from the Shanghai day', () => {
    // 2026-12-02 is a Wednesday in Shanghai while it is still Tuesday 12-01 in UTC.
    const ref = at('2026-12-01T20:00:00Z');
    expect(local('周五 20:00', ref)).toBe('2026-12-04 20:00');
    expect(local('下周五 20:00', ref)).toBe('2026-12-11 20:00');
    expect(local('下个月底', at('2026-11-30T17:00:00Z'))).toBe('2027-01-31 23:59'); // 01:00 on 12-01
    expect(local('月底晚上8点', at('2026-11-30T17:00:00Z'))).toBe('2026-12-31 20:00');
  });

  it('stores 明天晚上7点 as the instant of 19:00 tomorrow in Shanghai', () => {
    const d = parseDeadline('明天晚上7点', '2026-12-02', at('2026-12-01T20:00:00Z'));
    expect(d).toEqual({ kind: 'at', local: '2026-12-03 19:00' });
  });

  it('keeps the wall time across a change to summer time (Europe/Berlin, 2026-03-29)', () => {
    // 00:30 CET on 03-29, the night the clocks go from 02:00 to 03:00; still 03-28 in UTC.
    const ref = at('2026-03-28T23:30:00Z', 'Europe/Berlin');
    expect(local('明天晚上7点', ref)).toBe('2026-03-30 19:00');
    expect(local('今天晚上10点', ref)).toBe('2026-03-29 22:00');
    expect(local('tomorrow 9am', ref)).toBe('2026-03-30 09:00');
  });

  it('keeps the wall time across the end of summer time (America/New_York, 2026-11-01)', () => {
    // 23:30 EDT on 10-31 is 03:30 UTC on 11-01; the clocks go back at 02:00 that night.
    const ref = at('2026-11-01T03:30:00Z', 'America/New_York');
    expect(local('明天晚上7点', ref)).toBe('2026-11-01 19:00');
    expect(local('tomorrow 7pm', ref)).toBe('2026-11-01 19:00');
    expect(local('后天', ref)).toBe('2026-11-02 23:59');
  });
});

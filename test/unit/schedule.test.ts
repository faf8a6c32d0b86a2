import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DELIBERATION_CRON,
  describeSchedule,
  isValidTimeZone,
  localDateOf,
  localTimeToInstant,
  nextOccurrence,
  nextOccurrences,
  parseScheduleRule,
  scheduleCron,
  smallNumber,
  type ScheduleDescription,
} from '../../src/domain/schedule.js';

/** Wall clock of an instant in a zone, read with Intl (independent of the module under test). */
function wall(at: Date, tz: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.weekday} ${p.hour}:${p.minute}`;
}

const iso = (dates: Date[]): string[] => dates.map((d) => d.toISOString());

describe('parseScheduleRule', () => {
  it.each([
    ['每月第一个星期六 19:30', '30 19 * * 6#1'],
    ['每月第1个周六 19:30', '30 19 * * 6#1'],
    ['每个月第一个礼拜六 19:30', '30 19 * * 6#1'],
    ['每月第二个星期三 19:00', '0 19 * * 3#2'],
    ['每月第三个星期日 19:30', '30 19 * * 0#3'],
    ['每月最后一个星期五 20:00', '0 20 * * 5L'],
    ['每月15日 19:00', '0 19 15 * *'],
    ['每月15号 19:00', '0 19 15 * *'],
    ['每月十五日晚上七点', '0 19 15 * *'],
    ['每月1日 9:30', '30 9 1 * *'],
    ['每月最后一天 19:00', '0 19 L * *'],
    ['每周六 19:30', '30 19 * * 6'],
    ['每星期日 10:00', '0 10 * * 0'],
    ['每月第一个星期六晚上7点半', '30 19 * * 6#1'],
    ['每月第一个星期六 晚上7:30', '30 19 * * 6#1'],
    ['每月第一个星期六下午3点一刻', '15 15 * * 6#1'],
    ['每月第二个周四 19时45分', '45 19 * * 4#2'],
    ['每月第３个星期日　１９：３０', '30 19 * * 0#3'],
  ])('reads the Chinese rule %s as %s', (text, cron) => {
    expect(parseScheduleRule(text)).toEqual({ ok: true, cron });
  });

  it.each([
    ['first Saturday 19:30', '30 19 * * 6#1'],
    ['first saturday of every month at 7:30pm', '30 19 * * 6#1'],
    ['1st Sat of the month at 7:30 PM', '30 19 * * 6#1'],
    ['second Wednesday 19:00', '0 19 * * 3#2'],
    ['last Friday 20:00', '0 20 * * 5L'],
    ['every month on the 15th at 19:00', '0 19 15 * *'],
    ['day 15 19:00', '0 19 15 * *'],
    ['every month on the 1st at 19:00', '0 19 1 * *'],
    ['on the 2nd at 7pm each month', '0 19 2 * *'],
    ['3rd Thursday 19:00', '0 19 * * 4#3'],
    ['last day of the month at 7pm', '0 19 L * *'],
    ['every saturday at 19:30', '30 19 * * 6'],
    ['Saturdays 7:30pm', '30 19 * * 6'],
  ])('reads the English rule %s as %s', (text, cron) => {
    expect(parseScheduleRule(text)).toEqual({ ok: true, cron });
  });

  it.each([
    ['30 19 * * 6#1', '30 19 * * 6#1'],
    ['  30   19 * *   6#1 ', '30 19 * * 6#1'],
    ['30 19 ? * SAT#1', '30 19 * * 6#1'],
    ['0 20 * * 5L', '0 20 * * 5L'],
    ['0 19 L * *', '0 19 L * *'],
    ['0 19 15 * *', '0 19 15 * *'],
    ['0 10 * * 7', '0 10 * * 0'],
    ['0 19 * 1-6 6#1', '0 19 * 1-6 6#1'],
  ])('accepts the cron line %s and normalises it to %s', (text, cron) => {
    expect(parseScheduleRule(text)).toEqual({ ok: true, cron });
  });

  it.each([
    [''],
    ['   '],
    ['hello'],
    ['议事日'],
    ['19:30'],
    ['每月第一个星期六'],
    ['每月15日'],
    ['每月第六个星期六 19:30'],
    ['每月32日 19:00'],
    ['每月15日 25:00'],
    ['每月15日 19:60'],
    ['每月第一个星期六 19:30 20:00'],
    ['每月周六 19:30'],
    ['每周第一个周六 19:30'],
    ['周六周日 19:30'],
    ['每月15日星期六 19:30'],
    ['每月第一个 19:30'],
    ['每月第一个星期六 晚上12点'],
    ['first saturday 19:30 banana'],
    ['first 19:30'],
    ['every month 19:30'],
    ['13pm saturday'],
    ['* * * * *'],
    ['*/5 19 * * 6'],
    ['30 19,20 * * 6#1'],
    ['30 * * * 6#1'],
    ['0 0 * * 8'],
    ['30 19 * * 6#6'],
    ['0 19 30 2 *'],
    ['0 30 19 * * 6'],
    ['30 19 * *'],
    ['@monthly'],
    ['H 19 * * 6#1'],
    ['30 19 * * 6#1; rm -rf /'],
  ])('refuses %j with bad-schedule', (text) => {
    expect(parseScheduleRule(text)).toEqual({ ok: false, code: 'bad-schedule' });
  });

  it('never throws and every accepted rule has a next date', () => {
    const after = new Date('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => {
        const r = parseScheduleRule(text);
        if (r.ok) expect(nextOccurrence(r.cron, 'Asia/Shanghai', after)).not.toBeNull();
      }),
    );
  });
});

describe('describeSchedule', () => {
  it.each<[string, ScheduleDescription]>([
    [DEFAULT_DELIBERATION_CRON, { kind: 'nth-weekday', nth: 1, weekday: 6, hour: 19, minute: 30 }],
    ['0 20 * * 5L', { kind: 'nth-weekday', nth: -1, weekday: 5, hour: 20, minute: 0 }],
    ['0 19 * * 7#2', { kind: 'nth-weekday', nth: 2, weekday: 0, hour: 19, minute: 0 }],
    ['0 19 15 * *', { kind: 'day-of-month', day: 15, hour: 19, minute: 0 }],
    ['5 9 L * *', { kind: 'last-day-of-month', hour: 9, minute: 5 }],
    ['30 19 * * sat', { kind: 'weekly', weekday: 6, hour: 19, minute: 30 }],
    ['0 19 * 1-6 6#1', { kind: 'cron', cron: '0 19 * 1-6 6#1' }],
    ['0 19 15 * 6', { kind: 'cron', cron: '0 19 15 * 6' }],
    ['*/5 * * * *', { kind: 'cron', cron: '*/5 * * * *' }],
    ['not a cron', { kind: 'cron', cron: 'not a cron' }],
  ])('describes %s', (cron, expected) => {
    expect(describeSchedule(cron)).toEqual(expected);
  });

  it('is the inverse of scheduleCron for every usual shape', () => {
    const time = { hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) };
    const weekday = fc.constantFrom(0, 1, 2, 3, 4, 5, 6) as fc.Arbitrary<0 | 1 | 2 | 3 | 4 | 5 | 6>;
    const shape: fc.Arbitrary<ScheduleDescription> = fc.oneof(
      fc.record({ kind: fc.constant('nth-weekday' as const), nth: fc.constantFrom(1, 2, 3, 4, 5, -1 as const), weekday, ...time }),
      fc.record({ kind: fc.constant('day-of-month' as const), day: fc.integer({ min: 1, max: 31 }), ...time }),
      fc.record({ kind: fc.constant('last-day-of-month' as const), ...time }),
      fc.record({ kind: fc.constant('weekly' as const), weekday, ...time }),
    );
    fc.assert(
      fc.property(shape, (d) => {
        expect(describeSchedule(scheduleCron(d))).toEqual(d);
        expect(parseScheduleRule(scheduleCron(d))).toEqual({ ok: true, cron: scheduleCron(d) });
      }),
    );
  });
});

describe('nextOccurrences', () => {
  it('puts the default rule on the first Saturday 19:30 in Shanghai, which is 11:30 UTC', () => {
    const dates = nextOccurrences(DEFAULT_DELIBERATION_CRON, 'Asia/Shanghai', new Date('2026-01-01T00:00:00Z'), 12);
    expect(iso(dates)).toEqual(
      ['01-03', '02-07', '03-07', '04-04', '05-02', '06-06', '07-04', '08-01', '09-05', '10-03', '11-07', '12-05'].map(
        (md) => `2026-${md}T11:30:00.000Z`,
      ),
    );
    for (const d of dates) expect(wall(d, 'Asia/Shanghai')).toMatch(/ Sat 19:30$/);
  });

  it('returns only dates strictly after the given instant', () => {
    const at = new Date('2026-01-03T11:30:00Z');
    expect(nextOccurrence(DEFAULT_DELIBERATION_CRON, 'Asia/Shanghai', at)?.toISOString()).toBe('2026-02-07T11:30:00.000Z');
    expect(nextOccurrence(DEFAULT_DELIBERATION_CRON, 'Asia/Shanghai', new Date(at.getTime() - 1))?.toISOString()).toBe(
      '2026-01-03T11:30:00.000Z',
    );
    expect(nextOccurrence(DEFAULT_DELIBERATION_CRON, 'Asia/Shanghai', new Date(at.getTime() + 500))?.toISOString()).toBe(
      '2026-02-07T11:30:00.000Z',
    );
  });

  it('reads the local day, not the UTC day: 01:00 Shanghai on the first Saturday is still the day before in UTC', () => {
    expect(nextOccurrence('0 1 * * 6#1', 'Asia/Shanghai', new Date('2026-01-01T00:00:00Z'))?.toISOString()).toBe(
      '2026-01-02T17:00:00.000Z',
    );
  });

  it('answers a later instant from the last reading only while no occurrence lies between, and an earlier one afresh', () => {
    const cron = '0 19 * * 6#1';
    const at = (s: string) => iso(nextOccurrences(cron, 'Asia/Shanghai', new Date(s), 2));
    expect(at('2026-03-10T00:00:00Z')).toEqual(['2026-04-04T11:00:00.000Z', '2026-05-02T11:00:00.000Z']);
    expect(at('2026-04-04T10:59:59Z')).toEqual(['2026-04-04T11:00:00.000Z', '2026-05-02T11:00:00.000Z']);
    // The occurrence itself is not "after" it.
    expect(at('2026-04-04T11:00:00Z')).toEqual(['2026-05-02T11:00:00.000Z', '2026-06-06T11:00:00.000Z']);
    expect(at('2026-01-01T00:00:00Z')).toEqual(['2026-01-03T11:00:00.000Z', '2026-02-07T11:00:00.000Z']);
    // Another zone, another reading.
    expect(iso(nextOccurrences(cron, 'UTC', new Date('2026-01-01T00:00:00Z'), 2))).toEqual(['2026-01-03T19:00:00.000Z', '2026-02-07T19:00:00.000Z']);
    // What is handed out is the caller's own.
    const mine = nextOccurrences(cron, 'Asia/Shanghai', new Date('2026-01-02T00:00:00Z'), 2);
    mine[0]!.setTime(0);
    expect(at('2026-01-02T00:00:00Z')).toEqual(['2026-01-03T11:00:00.000Z', '2026-02-07T11:00:00.000Z']);
  });

  it('crosses month and year ends', () => {
    expect(iso(nextOccurrences('0 19 L * *', 'Asia/Shanghai', new Date('2026-01-31T12:00:00Z'), 3))).toEqual([
      '2026-02-28T11:00:00.000Z',
      '2026-03-31T11:00:00.000Z',
      '2026-04-30T11:00:00.000Z',
    ]);
    expect(iso(nextOccurrences(DEFAULT_DELIBERATION_CRON, 'Asia/Shanghai', new Date('2026-12-06T00:00:00Z'), 2))).toEqual([
      '2027-01-02T11:30:00.000Z',
      '2027-02-06T11:30:00.000Z',
    ]);
  });

  it('skips months without the 31st for a day-31 rule', () => {
    const dates = nextOccurrences('0 19 31 * *', 'Asia/Shanghai', new Date('2026-01-31T12:00:00Z'), 3);
    expect(dates.map((d) => wall(d, 'Asia/Shanghai').slice(0, 10))).toEqual(['2026-03-31', '2026-05-31', '2026-07-31']);
  });

  it('finds the last Tuesday of February 2028 on the leap day', () => {
    const d = nextOccurrence('0 19 * * 2L', 'Asia/Shanghai', new Date('2028-02-01T00:00:00Z'));
    expect(d?.toISOString()).toBe('2028-02-29T11:00:00.000Z');
    expect(nextOccurrence('0 19 L * *', 'Asia/Shanghai', new Date('2028-02-01T00:00:00Z'))?.toISOString()).toBe(
      '2028-02-29T11:00:00.000Z',
    );
    expect(nextOccurrence('0 19 L * *', 'Asia/Shanghai', new Date('2027-02-01T00:00:00Z'))?.toISOString()).toBe(
      '2027-02-28T11:00:00.000Z',
    );
  });

  it('keeps 19:30 local in Berlin across the spring and autumn switches', () => {
    const spring = nextOccurrences('30 19 * * 6', 'Europe/Berlin', new Date('2026-03-20T00:00:00Z'), 3);
    expect(iso(spring)).toEqual(['2026-03-21T18:30:00.000Z', '2026-03-28T18:30:00.000Z', '2026-04-04T17:30:00.000Z']);
    const monthly = nextOccurrences(DEFAULT_DELIBERATION_CRON, 'Europe/Berlin', new Date('2026-09-15T00:00:00Z'), 2);
    expect(iso(monthly)).toEqual(['2026-10-03T17:30:00.000Z', '2026-11-07T18:30:00.000Z']);
    for (const d of [...spring, ...monthly]) expect(wall(d, 'Europe/Berlin')).toMatch(/ Sat 19:30$/);
  });

  it('keeps 19:30 local in New York across the November switch', () => {
    const dates = nextOccurrences('30 19 * * 6', 'America/New_York', new Date('2026-10-25T00:00:00Z'), 2);
    expect(iso(dates)).toEqual(['2026-10-31T23:30:00.000Z', '2026-11-08T00:30:00.000Z']);
    for (const d of dates) expect(wall(d, 'America/New_York')).toMatch(/ Sat 19:30$/);
  });

  it('lands every nth-weekday rule on the right local weekday, week of month and time', () => {
    const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York'];
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 4, 5, -1 as const),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 8, max: 22 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        (nth, weekday, hour, minute, tz, after) => {
          const cron = scheduleCron({ kind: 'nth-weekday', nth, weekday: weekday as 0, hour, minute });
          const dates = nextOccurrences(cron, tz, after, 3);
          expect(dates).toHaveLength(3);
          let previous = after.getTime();
          for (const d of dates) {
            expect(d.getTime()).toBeGreaterThan(previous);
            previous = d.getTime();
            const local = localDateOf(d, tz);
            const weekdayOfLocal = new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
            const monthLength = new Date(Date.UTC(local.year, local.month, 0)).getUTCDate();
            expect(weekdayOfLocal).toBe(weekday);
            if (nth === -1) expect(local.day + 7).toBeGreaterThan(monthLength);
            else expect(Math.ceil(local.day / 7)).toBe(nth);
            expect(wall(d, tz).slice(-5)).toBe(`${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('returns nothing for an invalid rule, zone, date or count', () => {
    const after = new Date('2026-01-01T00:00:00Z');
    expect(nextOccurrences('nonsense', 'Asia/Shanghai', after, 3)).toEqual([]);
    expect(nextOccurrences('0 0 0 * * *', 'Asia/Shanghai', after, 3)).toEqual([]);
    expect(nextOccurrences(DEFAULT_DELIBERATION_CRON, 'Mars/Olympus', after, 3)).toEqual([]);
    expect(nextOccurrences(DEFAULT_DELIBERATION_CRON, 'Asia/Shanghai', new Date(Number.NaN), 3)).toEqual([]);
    expect(nextOccurrences(DEFAULT_DELIBERATION_CRON, 'Asia/Shanghai', after, 0)).toEqual([]);
    expect(nextOccurrence('0 19 30 2 *', 'Asia/Shanghai', after)).toBeNull();
  });

  it('gives one date by default', () => {
    expect(nextOccurrences(DEFAULT_DELIBERATION_CRON, 'Asia/Shanghai', new Date('2026-01-01T00:00:00Z'))).toHaveLength(1);
  });
});

describe('time zones and local days', () => {
  it.each([
    ['Asia/Shanghai', true],
    ['Europe/Berlin', true],
    ['UTC', true],
    ['', false],
    ['+08:00', false],
    ['Mars/Olympus', false],
    ['local', false],
  ])('judges %j as a valid zone: %s', (tz, valid) => {
    expect(isValidTimeZone(tz)).toBe(valid);
  });

  it('reads the calendar day of an instant in the zone', () => {
    expect(localDateOf(new Date('2026-01-02T17:00:00Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 1, day: 3 });
    expect(localDateOf(new Date('2026-01-02T17:00:00Z'), 'America/New_York')).toEqual({ year: 2026, month: 1, day: 2 });
  });

  it('turns a local wall time into an instant on both sides of a DST switch', () => {
    expect(localTimeToInstant({ year: 2026, month: 12, day: 20 }, 23, 59, 'Asia/Shanghai').toISOString()).toBe(
      '2026-12-20T15:59:00.000Z',
    );
    expect(localTimeToInstant({ year: 2026, month: 3, day: 28 }, 23, 59, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-28T22:59:00.000Z',
    );
    expect(localTimeToInstant({ year: 2026, month: 3, day: 29 }, 23, 59, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T21:59:00.000Z',
    );
    expect(localTimeToInstant({ year: 2026, month: 11, day: 1 }, 23, 59, 'America/New_York').toISOString()).toBe(
      '2026-11-02T04:59:00.000Z',
    );
  });

  it.each([
    ['15', 15],
    ['五', 5],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['三十一', 31],
    ['两', 2],
    ['五五', null],
    ['', null],
    ['x', null],
  ])('reads the small number %j as %s', (text, value) => {
    expect(smallNumber(text)).toBe(value);
  });
});

/**
 * The reminders' local times, read many times in a row (as a thousand communities read them): the
 * mornings of overdue notes on both sides of midnight and across a change of daylight saving, and a
 * deliberation day's "three days before", each the same as worked out afresh.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { morningNotes, remindersBefore } from '../../src/domain/reminders.js';

const NINE = 9 * 60;
const overdue = [{ id: 7, dueAt: new Date('2020-01-01T00:00:00Z') }];

/** The notes as they should be: today's and tomorrow's 09:00 local (today's dropped when over six hours past). */
function expected(now: string, tz: string) {
  const today = DateTime.fromISO(now, { zone: tz }).startOf('day');
  return [today, today.plus({ days: 1 })]
    .map((d) => ({ at: d.plus({ minutes: NINE }), date: d.toISODate() }))
    .filter((x) => x.at.toMillis() + 6 * 3_600_000 >= Date.parse(now))
    .map((x) => ({ key: `overdue:7:${x.date}`, dueAt: x.at.toUTC().toISO() }));
}

const notes = (now: string, tz: string) =>
  morningNotes('overdue', overdue, NINE, tz, new Date(now)).map((r) => ({ key: r.key, dueAt: DateTime.fromJSDate(r.dueAt).toUTC().toISO() }));

describe('morning notes, read again and again', () => {
  it('move to the next day at local midnight in Shanghai, not at midnight UTC', () => {
    // 23:59 and 00:01 Shanghai time, then back to the earlier day.
    expect(notes('2026-03-09T15:59:00Z', 'Asia/Shanghai')).toEqual([
      { key: 'overdue:7:2026-03-10', dueAt: '2026-03-10T01:00:00.000Z' },
    ]);
    expect(notes('2026-03-09T16:01:00Z', 'Asia/Shanghai')).toEqual([
      { key: 'overdue:7:2026-03-10', dueAt: '2026-03-10T01:00:00.000Z' },
      { key: 'overdue:7:2026-03-11', dueAt: '2026-03-11T01:00:00.000Z' },
    ]);
    expect(notes('2026-03-09T15:59:00Z', 'Asia/Shanghai')).toEqual(expected('2026-03-09T15:59:00Z', 'Asia/Shanghai'));
  });

  it('keep 09:00 local across the spring and autumn changes in Berlin', () => {
    for (const now of ['2026-03-28T10:00:00Z', '2026-03-28T23:30:00Z', '2026-03-29T00:30:00Z', '2026-03-29T12:00:00Z', '2026-10-24T22:30:00Z', '2026-10-25T12:00:00Z']) {
      expect(notes(now, 'Europe/Berlin')).toEqual(expected(now, 'Europe/Berlin'));
      // The same instant in another zone is its own reading.
      expect(notes(now, 'Asia/Shanghai')).toEqual(expected(now, 'Asia/Shanghai'));
    }
    expect(notes('2026-03-29T00:30:00Z', 'Europe/Berlin').at(-1)).toEqual({ key: 'overdue:7:2026-03-30', dueAt: '2026-03-30T07:00:00.000Z' });
  });
});

it('puts "three days before" at the same local time across a change of daylight saving', () => {
  const day = new Date('2026-04-01T17:30:00Z'); // 19:30 in Berlin, summer time
  for (let i = 0; i < 3; i++) {
    const [before] = remindersBefore('deliberation', [{ ref: day.toISOString(), objectId: null, at: day }], [-4320], 'Europe/Berlin');
    expect(before!.dueAt.toISOString()).toBe('2026-03-29T17:30:00.000Z');
    expect(before!.key).toBe('deliberation:2026-04-01T17:30:00.000Z:-4320m');
  }
  const inWinterDay = new Date('2026-03-30T17:30:00Z');
  const [inWinter] = remindersBefore('deliberation', [{ ref: inWinterDay.toISOString(), objectId: null, at: inWinterDay }], [-4320], 'Europe/Berlin');
  expect(inWinter!.dueAt.toISOString()).toBe('2026-03-27T18:30:00.000Z');
});

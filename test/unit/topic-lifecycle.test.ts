import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIBERATION_CRON } from '../../src/domain/schedule.js';
import {
  TOPIC_ACTIONS,
  TOPIC_STATUSES,
  agendaDateFor,
  allowedActions,
  parseDue,
  rollOver,
  transition,
  type TopicAction,
  type TopicStatus,
} from '../../src/domain/topic-lifecycle.js';

/**
 * The expected lifecycle, written out independently of the module: `→status` is allowed,
 * anything else is the refusal code.
 */
const EXPECTED: Record<TopicStatus, Record<TopicAction, string>> = {
  proposed: {
    second: '→proposed',
    'agenda-add': '→on_agenda',
    'agenda-remove': 'not-on-agenda',
    reject: '→rejected',
    decide: 'not-on-agenda',
    assign: 'not-decided',
    progress: 'not-decided',
    done: 'not-decided',
  },
  on_agenda: {
    second: '→on_agenda',
    'agenda-add': 'already-on-agenda',
    'agenda-remove': '→proposed',
    reject: '→rejected',
    decide: '→decided',
    assign: 'not-decided',
    progress: 'not-decided',
    done: 'not-decided',
  },
  rejected: {
    second: 'topic-rejected',
    'agenda-add': 'topic-rejected',
    'agenda-remove': 'topic-rejected',
    reject: 'topic-rejected',
    decide: 'topic-rejected',
    assign: 'topic-rejected',
    progress: 'topic-rejected',
    done: 'topic-rejected',
  },
  decided: {
    second: 'already-decided',
    'agenda-add': 'already-decided',
    'agenda-remove': 'already-decided',
    reject: 'already-decided',
    decide: 'already-decided',
    assign: '→assigned',
    progress: '→decided',
    done: '→done',
  },
  assigned: {
    second: 'already-decided',
    'agenda-add': 'already-decided',
    'agenda-remove': 'already-decided',
    reject: 'already-decided',
    decide: 'already-decided',
    assign: '→assigned',
    progress: '→assigned',
    done: '→done',
  },
  done: {
    second: 'topic-done',
    'agenda-add': 'topic-done',
    'agenda-remove': 'topic-done',
    reject: 'topic-done',
    decide: 'topic-done',
    assign: 'topic-done',
    progress: 'topic-done',
    done: 'topic-done',
  },
};

const NEEDS: Partial<Record<TopicAction, string>> = {
  reject: 'needs-reason',
  decide: 'needs-text',
  assign: 'needs-assignee',
  progress: 'needs-text',
  done: 'needs-feedback',
};

const PAIRS = TOPIC_STATUSES.flatMap((from) => TOPIC_ACTIONS.map((action) => [from, action, EXPECTED[from][action]] as const));

describe('transition', () => {
  it('covers every status × action pair', () => {
    expect(PAIRS).toHaveLength(6 * 8);
    expect(Object.keys(EXPECTED).sort()).toEqual([...TOPIC_STATUSES].sort());
  });

  it.each(PAIRS)('from %s, %s gives %s', (from, action, expected) => {
    const result = transition(from, action, { text: '加装路灯，物业负责' });
    if (expected.startsWith('→')) expect(result).toEqual({ ok: true, to: expected.slice(1) });
    else expect(result).toEqual({ ok: false, code: expected });
  });

  it.each(PAIRS.filter(([, action, expected]) => expected.startsWith('→') && NEEDS[action]))(
    'from %s, %s without text is refused with the missing-text code',
    (from, action) => {
      for (const input of [undefined, {}, { text: '' }, { text: '  \n ' }]) {
        expect(transition(from, action, input)).toEqual({ ok: false, code: NEEDS[action] });
      }
    },
  );

  it.each(PAIRS.filter(([, action]) => !NEEDS[action]).filter(([, , expected]) => expected.startsWith('→')))(
    'from %s, %s needs no text',
    (from, action) => {
      expect(transition(from, action).ok).toBe(true);
    },
  );

  it('reports the status before the missing text', () => {
    expect(transition('rejected', 'decide')).toEqual({ ok: false, code: 'topic-rejected' });
    expect(transition('done', 'progress', { text: '' })).toEqual({ ok: false, code: 'topic-done' });
    expect(transition('proposed', 'assign')).toEqual({ ok: false, code: 'not-decided' });
  });

  it('walks the full path 收集—研究—交办—反馈 from proposal to feedback', () => {
    const steps: Array<[TopicAction, string | undefined, TopicStatus]> = [
      ['second', undefined, 'proposed'],
      ['agenda-add', undefined, 'on_agenda'],
      ['second', undefined, 'on_agenda'],
      ['decide', '同意加装三盏路灯', 'decided'],
      ['progress', '已询价', 'decided'],
      ['assign', '物业公司', 'assigned'],
      ['progress', '已采购', 'assigned'],
      ['assign', '王师傅', 'assigned'],
      ['done', '路灯已安装，欢迎监督', 'done'],
    ];
    let status: TopicStatus = 'proposed';
    for (const [action, text, to] of steps) {
      const r = transition(status, action, text === undefined ? undefined : { text });
      expect(r).toEqual({ ok: true, to });
      status = to;
    }
  });

  it('lists the allowed actions of each status', () => {
    expect(allowedActions('proposed')).toEqual(['second', 'agenda-add', 'reject']);
    expect(allowedActions('on_agenda')).toEqual(['second', 'agenda-remove', 'reject', 'decide']);
    expect(allowedActions('decided')).toEqual(['assign', 'progress', 'done']);
    expect(allowedActions('assigned')).toEqual(['assign', 'progress', 'done']);
    expect(allowedActions('rejected')).toEqual([]);
    expect(allowedActions('done')).toEqual([]);
  });

  it('never reaches done without a decision on the agenda, and nothing leaves done or rejected', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...TOPIC_ACTIONS), fc.constantFrom('', 'x')), { maxLength: 30 }), (moves) => {
        let status: TopicStatus = 'proposed';
        const seen = new Set<TopicStatus>([status]);
        for (const [action, text] of moves) {
          const r = transition(status, action, { text });
          if (status === 'done' || status === 'rejected') expect(r.ok).toBe(false);
          if (!r.ok) continue;
          status = r.to;
          seen.add(status);
          expect(TOPIC_STATUSES).toContain(status);
          if (status === 'decided') expect(seen.has('on_agenda')).toBe(true);
          if (status === 'assigned' || status === 'done') expect(seen.has('decided')).toBe(true);
        }
      }),
    );
  });
});

describe('agendaDateFor', () => {
  const tz = 'Asia/Shanghai';

  it('puts a topic on the next deliberation day', () => {
    expect(agendaDateFor(new Date('2026-01-10T02:00:00Z'), DEFAULT_DELIBERATION_CRON, tz)?.toISOString()).toBe(
      '2026-02-07T11:30:00.000Z',
    );
  });

  it('uses the same day when the deliberation has not started yet', () => {
    expect(agendaDateFor(new Date('2026-02-07T02:00:00Z'), DEFAULT_DELIBERATION_CRON, tz)?.toISOString()).toBe(
      '2026-02-07T11:30:00.000Z',
    );
  });

  it('moves to the next month once the deliberation has started', () => {
    expect(agendaDateFor(new Date('2026-02-07T12:00:00Z'), DEFAULT_DELIBERATION_CRON, tz)?.toISOString()).toBe(
      '2026-03-07T11:30:00.000Z',
    );
  });

  it('returns null for a rule without dates', () => {
    expect(agendaDateFor(new Date('2026-02-07T12:00:00Z'), 'garbage', tz)).toBeNull();
  });
});

describe('rollOver', () => {
  const tz = 'Asia/Shanghai';
  const feb = new Date('2026-02-07T11:30:00Z');
  const mar = new Date('2026-03-07T11:30:00Z');

  it('moves undecided agenda topics to the next deliberation day once their day is over', () => {
    const now = new Date('2026-02-08T01:00:00Z'); // 09:00 local, the morning after
    const moves = rollOver(
      [
        { id: 1, status: 'on_agenda', agendaDate: feb },
        { id: 2, status: 'decided', agendaDate: feb },
        { id: 3, status: 'proposed', agendaDate: null },
        { id: 4, status: 'on_agenda', agendaDate: null },
        { id: 5, status: 'on_agenda', agendaDate: mar },
        { id: 6, status: 'rejected', agendaDate: feb },
      ],
      now,
      DEFAULT_DELIBERATION_CRON,
      tz,
    );
    expect(moves).toEqual([
      { id: 1, from: feb, to: mar },
      { id: 4, from: null, to: mar },
    ]);
  });

  it('leaves topics alone while their deliberation day is still going on', () => {
    const lateEvening = new Date('2026-02-07T14:30:00Z'); // 22:30 local
    expect(rollOver([{ id: 'a', status: 'on_agenda', agendaDate: feb }], lateEvening, DEFAULT_DELIBERATION_CRON, tz)).toEqual([]);
  });

  it('judges the day in the community zone, not in UTC', () => {
    const justAfterLocalMidnight = new Date('2026-02-07T16:05:00Z'); // 00:05 on 8 Feb in Shanghai
    expect(rollOver([{ id: 1, status: 'on_agenda', agendaDate: feb }], justAfterLocalMidnight, DEFAULT_DELIBERATION_CRON, tz)).toEqual([
      { id: 1, from: feb, to: mar },
    ]);
    expect(
      rollOver([{ id: 1, status: 'on_agenda', agendaDate: feb }], justAfterLocalMidnight, DEFAULT_DELIBERATION_CRON, 'UTC'),
    ).toEqual([]);
  });

  it('moves nothing when the rule has no next date', () => {
    expect(rollOver([{ id: 1, status: 'on_agenda', agendaDate: feb }], mar, 'garbage', tz)).toEqual([]);
  });
});

describe('parseDue', () => {
  const tz = 'Asia/Shanghai';
  const now = new Date('2026-06-10T02:00:00Z'); // 10:00 on 10 June 2026 in Shanghai
  const endOf = (ymd: string): string => new Date(`${ymd}T23:59:00+08:00`).toISOString();

  it.each([
    ['物业公司 due 2026-12-20', '物业公司', '2026-12-20'],
    ['物业公司 DUE: 2026-12-20', '物业公司', '2026-12-20'],
    ['王师傅 截止 2026-12-20', '王师傅', '2026-12-20'],
    ['王师傅 截止：2026-12-20', '王师傅', '2026-12-20'],
    ['王师傅 截止日期 2026/12/20', '王师傅', '2026-12-20'],
    ['王师傅 限期 2026-12-20', '王师傅', '2026-12-20'],
    ['王师傅 2026-12-20前', '王师傅', '2026-12-20'],
    ['王师傅 2026年12月20日前', '王师傅', '2026-12-20'],
    ['王师傅 12月20日前', '王师傅', '2026-12-20'],
    ['3号楼王师傅12月20号之前', '3号楼王师傅', '2026-12-20'],
    ['Li Lei due 12/20', 'Li Lei', '2026-12-20'],
    ['Li Lei due 6/10', 'Li Lei', '2026-06-10'],
    ['Li Lei due 3/1', 'Li Lei', '2027-03-01'],
    ['物业 12月1日前', '物业', '2026-12-01'],
    ['物业 3月1日前', '物业', '2027-03-01'],
    ['物业 due 14d', '物业', '2026-06-24'],
    ['物业 due 14 days', '物业', '2026-06-24'],
    ['物业 due 2w', '物业', '2026-06-24'],
    ['物业 due tomorrow', '物业', '2026-06-11'],
    ['物业 14天内', '物业', '2026-06-24'],
    ['物业 十四天内', '物业', '2026-06-24'],
    ['物业 两周内', '物业', '2026-06-24'],
    ['物业 截止 30天', '物业', '2026-07-10'],
    ['居委会 ＤＵＥ　２０２６－１２－２０', '居委会', '2026-12-20'],
  ])('reads %j as %s due at the end of %s', (text, who, ymd) => {
    expect(parseDue(text, tz, now)).toEqual({ ok: true, who, due: new Date(endOf(ymd)) });
  });

  it('counts relative days on the local calendar, not in UTC', () => {
    const lateLocal = new Date('2026-06-10T17:00:00Z'); // 01:00 on 11 June in Shanghai
    expect(parseDue('物业 due 1d', tz, lateLocal)).toEqual({ ok: true, who: '物业', due: new Date(endOf('2026-06-12')) });
  });

  it('ends the due day at 23:59 local time across a DST switch', () => {
    const ny = new Date('2026-10-30T12:00:00Z');
    expect(parseDue('Super due 3d', 'America/New_York', ny)).toEqual({
      ok: true,
      who: 'Super',
      due: new Date('2026-11-03T04:59:00Z'),
    });
  });

  it('returns no due date when none is given', () => {
    expect(parseDue('物业公司', tz, now)).toEqual({ ok: true, who: '物业公司', due: null });
    expect(parseDue('  Li   Lei ', tz, now)).toEqual({ ok: true, who: 'Li Lei', due: null });
    expect(parseDue('Dueck Facility Ltd', tz, now)).toEqual({ ok: true, who: 'Dueck Facility Ltd', due: null });
  });

  it.each([
    ['物业 due 2026-02-30'],
    ['物业 due 13/45'],
    ['物业 due soon'],
    ['物业 due'],
    ['物业 截止 明年'],
    ['物业 限期 2026-12'],
    ['物业 due 99999d'],
  ])('refuses %j with bad-date', (text) => {
    expect(parseDue(text, tz, now)).toEqual({ ok: false, code: 'bad-date' });
  });

  it('refuses a due date already over', () => {
    expect(parseDue('物业 due 2026-06-09', tz, now)).toEqual({ ok: false, code: 'due-in-past' });
    expect(parseDue('物业 due 2025-12-20', tz, now)).toEqual({ ok: false, code: 'due-in-past' });
  });

  it('accepts today while the local day is not over', () => {
    expect(parseDue('物业 due today', tz, now)).toEqual({ ok: true, who: '物业', due: new Date(endOf('2026-06-10')) });
  });

  it.each([['due 2026-12-20'], ['截止 2026-12-20'], ['12月20日前'], [''], ['   ']])('refuses %j without an assignee', (text) => {
    expect(parseDue(text, tz, now)).toEqual({ ok: false, code: 'needs-assignee' });
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const r = parseDue(text, tz, now);
        if (r.ok && r.due) expect(r.due.getTime()).toBeGreaterThan(now.getTime());
      }),
    );
  });
});

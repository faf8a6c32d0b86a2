import { describe, expect, it } from 'vitest';
import { telegramFailureKind } from '../../src/adapters/telegram/errors.js';
import { createBudget, TELEGRAM_LIMITS } from '../../src/outbox/budget.js';
import { failureKind } from '../../src/outbox/failures.js';

describe('the send budget', () => {
  it('spaces messages to a chat a second apart, and reactions among themselves only', () => {
    const b = createBudget(TELEGRAM_LIMITS);
    b.spend(0, '-1', { group: true, countsAsMessage: false });
    // A reaction just went: the chat may take a message now, but not another reaction.
    expect(b.blocked(10)).toMatchObject({ all: [], reactions: ['-1'] });
    b.spend(10, '-1', { group: true, countsAsMessage: true });
    expect(b.blocked(20)).toMatchObject({ all: ['-1'], reactions: ['-1'] });
    expect(b.blocked(1_011)).toMatchObject({ all: [], reactions: [] });
  });

  it("calls a group tight when three quarters of its minute are spent, and full at twenty", () => {
    const b = createBudget(TELEGRAM_LIMITS);
    const at = (i: number) => i * 1_001;
    for (let i = 0; i < 14; i++) b.spend(at(i), '-1', { group: true, countsAsMessage: true });
    expect(b.blocked(at(14))).toMatchObject({ tight: [], messages: [] });
    b.spend(at(14), '-1', { group: true, countsAsMessage: true });
    expect(b.blocked(at(15))).toMatchObject({ tight: ['-1'], messages: [] });
    for (let i = 15; i < 20; i++) b.spend(at(i), '-1', { group: true, countsAsMessage: true });
    expect(b.blocked(at(20))).toMatchObject({ tight: ['-1'], messages: ['-1'] });
    // Reactions do not fill a group's minute.
    for (let i = 0; i < 30; i++) b.spend(at(i), '-2', { group: true, countsAsMessage: false });
    expect(b.blocked(at(30)).tight).not.toContain('-2');
    // A minute after the first sends, the window has room again.
    expect(b.blocked(at(20) + 60_000)).toMatchObject({ tight: [], messages: [] });
  });
});

describe('failure kinds', () => {
  it("reads Telegram's answers", () => {
    expect(telegramFailureKind(400, 'Bad Request: not enough rights to send photos to the chat')).toBe('rights');
    expect(telegramFailureKind(400, 'Bad Request: CHAT_SEND_PHOTOS_FORBIDDEN')).toBe('rights');
    expect(telegramFailureKind(400, 'Bad Request: have no rights to send a message')).toBe('rights');
    expect(telegramFailureKind(400, 'Bad Request: chat not found')).toBe('chat_not_found');
    expect(telegramFailureKind(403, 'Forbidden: bot was blocked by the user')).toBe('blocked');
    expect(telegramFailureKind(403, 'Forbidden: bot was kicked from the supergroup chat')).toBe('blocked');
    expect(telegramFailureKind(400, 'Bad Request: message text is empty')).toBe('bad_request');
    expect(telegramFailureKind(429, 'Too Many Requests: retry after 5')).toBe('flood');
    expect(telegramFailureKind(502, 'Bad Gateway')).toBe('server_error');
    expect(telegramFailureKind(null, 'network error: ECONNRESET')).toBe('network');
  });

  it('reads a platform without kinds by its code, and anything else as worth another try', () => {
    expect(failureKind({ errorCode: 403 })).toBe('blocked');
    expect(failureKind({ errorCode: 503 })).toBe('server_error');
    expect(failureKind({ retryAfter: 3 })).toBe('flood');
    expect(failureKind(new Error('puppet is not logged in'))).toBe('other');
  });
});

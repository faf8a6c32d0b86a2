/**
 * The printed notice of a closed poll carries a QR code of its result and publication page (SPEC §13):
 * the PDF's first page is drawn by poppler's pdftoppm and the code read back with jsQR.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/app/clock.js';
import { castVote, closePoll } from '../../src/app/polls.js';
import { runAdmin } from '../../src/cli/admin.js';
import { findLink } from '../../src/web/links.js';
import { freshDatabase, PG_ENABLED, type TestDatabase } from '../helpers/db.js';
import { bindAs, openAsChair, seedCommunity } from '../helpers/fixtures.js';

const PDFTOPPM = ['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm'].find((p) => existsSync(p));

/** A binary PGM (P5) as RGBA pixels, for jsQR. */
function pgmToRgba(pgm: Buffer): { data: Uint8ClampedArray; width: number; height: number } {
  const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))!;
  const width = Number(head[1]);
  const height = Number(head[2]);
  const pixels = pgm.subarray(head[0].length);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = data[i * 4 + 1] = data[i * 4 + 2] = pixels[i]!;
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

describe.skipIf(!PG_ENABLED || !PDFTOPPM)('the notice PDF of a closed poll', () => {
  let d: TestDatabase;
  let dir: string;
  const clock = createManualClock('2026-12-01T02:00:00Z');
  beforeEach(async () => {
    d = await freshDatabase('postgres');
    dir = await mkdtemp(path.join(tmpdir(), 'yishi-qr-'));
  });
  afterEach(async () => {
    await d.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const admin = async (env: Record<string, string>, ...argv: string[]) => {
    let stdout = '';
    const code = await runAdmin(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => {} }, env: { DATABASE_URL: d.url!, ...env }, cwd: dir }, { clock });
    return { code, stdout };
  };

  /** The text of the QR code on the PDF's first page, or null when none can be read. */
  async function qrOf(pdfFile: string): Promise<string | null> {
    execFileSync(PDFTOPPM!, ['-gray', '-r', '150', '-f', '1', '-l', '1', pdfFile, path.join(dir, 'page')]);
    const pgm = await readFile(path.join(dir, (await import('node:fs')).readdirSync(dir).find((f) => /^page-0*1\.pgm$/.test(f))!));
    const img = pgmToRgba(pgm);
    return jsQR(img.data, img.width, img.height)?.data ?? null;
  }

  it('prints a QR code of the result and publication page, built from PUBLIC_URL', { timeout: 60_000 }, async () => {
    const s = await seedCommunity(d.db, clock, [
      { unit: '1-101', area: '100.00', owner: '张三' },
      { unit: '1-102', area: '80.50', owner: '李四' },
    ]);
    for (const [i, u] of ['1-101', '1-102'].entries()) await bindAs(d.db, clock, s, `o${i}`, u);
    const poll = await openAsChair(d.db, clock, s.id, { title: '更换物业公司' });
    await castVote(d.db, clock, { poll, platform: 'telegram', userId: 'o0', optionNo: 1, sourceKey: 'v0' });
    await closePoll(d.db, clock, { pollId: poll.pollId, actor: null });
    const env = { PUBLIC_URL: 'https://yishi.example.org/' };

    const text = await admin(env, 'notice', s.name, 'poll', '1');
    const url = /^(https:\/\/yishi\.example\.org\/g\/[A-Za-z0-9_-]{22})$/m.exec(text.stdout)?.[1];
    expect(url, text.stdout).toBeDefined();
    expect(text.stdout).toContain('扫描二维码，或在浏览器中打开下面的网址，查看结果和公示名单，并核验回执码：');
    // The address opens this poll's publication page.
    expect(await findLink(d.db, url!.split('/g/')[1]!, 'publication')).toEqual({ pollId: poll.pollId, communityId: s.id });

    expect((await admin(env, 'notice', s.name, 'poll', '1', '--out', 'notice.pdf')).code).toBe(0);
    expect(await qrOf(path.join(dir, 'notice.pdf'))).toBe(url);

    // Without PUBLIC_URL the address is the service's own (http://HTTP_HOST:HTTP_PORT), and it is the same page.
    await rm(path.join(dir, 'notice.pdf'));
    expect((await admin({}, 'notice', s.name, 'poll', '1', '--out', 'notice.pdf')).code).toBe(0);
    expect(await qrOf(path.join(dir, 'notice.pdf'))).toBe(url!.replace('https://yishi.example.org', 'http://127.0.0.1:8080'));
  });
});

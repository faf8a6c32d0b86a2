import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createManualClock } from '../app/clock.js';
import { createCommunity } from '../app/communities.js';
import { formatLocal } from '../app/local-time.js';
import { importUnits, listCodes } from '../app/roster.js';
import { createChatCore } from '../chat/core.js';
import { allFeatures } from '../chat/features/index.js';
import { createLiveTally } from '../chat/live-tally.js';
import { createMemoryTransport } from '../chat/memory-transport.js';
import type { ChatMessage } from '../chat/model.js';
import { createDatabase } from '../db/client.js';
import { closeDuePolls } from '../scheduler/poll-closer.js';

const TZ = 'Asia/Shanghai';
const GROUP = { id: 'room-xfl', title: '幸福里业主群' };
const ROSTER = `unit,area_m2,owner_name,owner_id
1-1-101,89.50,张桂兰,
1-1-102,76.20,李建国,L-001
1-1-201,76.20,李建国,L-001
1-2-301,102.35,王秀英,
2-1-101,89.50,赵德明,
2-1-202,120.00,孙丽华,
2-2-501,65.80,周志强,
3-1-101,95.00,吴淑芬,
3-1-302,88.88,郑海涛,
3-2-501,89.50,冯玉梅,
`;

interface Person {
  id: string;
  name: string;
  unit?: string;
}

/**
 * Plays a month of one community in a simulated WeChat group on a fresh embedded database and
 * writes the conversation to `out`. Returns the transcript.
 */
export async function runDemo(opts: { out?: (line: string) => void; keepData?: boolean } = {}): Promise<string[]> {
  const transcript: string[] = [];
  const print = (line: string) => {
    transcript.push(line);
    opts.out?.(line);
  };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yishi-demo-'));
  const database = createDatabase({ dataDir });
  await database.migrate();
  const db = database.db;
  const clock = createManualClock('2026-12-01T01:00:00Z');
  const log = pino({ level: process.env.DEMO_LOG ?? 'silent' });
  const wechat = createMemoryTransport('wechat', { editable: false });
  let core: ReturnType<typeof createChatCore>;
  const live = createLiveTally({ db, transports: () => core.transports, log, intervalMs: 0 });
  core = createChatCore({ db, clock, log, live, features: allFeatures(), rateLimit: { max: 1000, windowMs: 60_000 } });
  core.registerTransport(wechat);
  const names = new Map<string, string>();
  wechat.onSend((m) => {
    const where = m.chatId === GROUP.id ? GROUP.title : `私聊·${names.get(m.chatId) ?? m.chatId}`;
    print(indent(`[${where}] 议事助手：`, m.text));
  });
  let seq = 0;
  const say = async (who: Person, text: string, where: 'group' | 'private' = 'group') => {
    names.set(who.id, who.name);
    print(indent(`[${where === 'group' ? GROUP.title : `私聊·${who.name}`}] ${who.name}：`, text));
    const msg: ChatMessage = {
      platform: 'wechat',
      updateKey: `demo-${++seq}`,
      chatId: where === 'group' ? GROUP.id : who.id,
      chatKind: where,
      chatTitle: where === 'group' ? GROUP.title : '',
      sender: { userId: who.id, name: who.name },
      text,
      mentioned: false,
      mentions: [],
    };
    await core.receive(msg);
  };
  const day = (title: string) => print(`\n── ${formatLocal(clock.now(), TZ).slice(0, 10)} ${title} ──`);
  const operator = (line: string) => print(`  (社区工作人员) ${line}`);

  try {
    day('社区开通议事');
    const c = await createCommunity(db, clock, { name: '幸福里小区', timezone: TZ });
    if (!c.ok) throw new Error(c.code);
    operator(`npm run admin -- community add 幸福里小区  →  编号 ${c.id}，开通码 ${c.setupCode}`);
    const imported = await importUnits(db, clock, c.id, ROSTER);
    operator(`npm run admin -- units import 幸福里小区 roster.csv  →  导入 ${imported.ok ? imported.imported : 0} 户`);
    const codes = new Map((await listCodes(db, clock, c.id)).map((x) => [x.unit, x.code]));
    operator('npm run admin -- codes 幸福里小区  →  每户一张绑定码，入户发放');

    const chair: Person = { id: 'wx-wang', name: '王主任', unit: '1-2-301' };
    const residents: Person[] = [
      { id: 'wx-zhang', name: '张阿姨', unit: '1-1-101' },
      { id: 'wx-li', name: '李建国', unit: '1-1-102' },
      { id: 'wx-zhao', name: '赵师傅', unit: '2-1-101' },
      { id: 'wx-sun', name: '孙老师', unit: '2-1-202' },
      { id: 'wx-zhou', name: '小周', unit: '2-2-501' },
      { id: 'wx-wu', name: '吴奶奶', unit: '3-1-101' },
      { id: 'wx-feng', name: '冯大姐', unit: '3-2-501' },
    ];
    const chatter: Person = { id: 'wx-zheng', name: '郑海涛' };

    await say(chair, `开通 ${c.setupCode}`);
    await say(chatter, '今天谁家在装修？电钻声好大');
    print('  （普通聊天，议事助手不插话）');
    await say(chair, `绑定 ${chair.unit} ${codes.get(chair.unit!)}`, 'private');
    clock.advance(3 * 3600_000);

    day('居民绑定房屋');
    await say(residents[0]!, `绑定 ${residents[0]!.unit} ${codes.get(residents[0]!.unit!)}`);
    print('  （绑定码发到了群里：立即作废并换新码）');
    const fresh = new Map((await listCodes(db, clock, c.id)).map((x) => [x.unit, x.code]));
    await say(residents[0]!, `绑定 ${residents[0]!.unit} ${fresh.get(residents[0]!.unit!)}`, 'private');
    for (const r of residents.slice(1)) await say(r, `绑定 ${r.unit} ${fresh.get(r.unit!)}`, 'private');
    await say(residents[1]!, '我的', 'private');
    await say(chair, `任命 @${residents[3]!.name} 委员`);
    clock.advance(20 * 3600_000);

    day('发起表决：加装电梯');
    await say(chair, '表决 2号楼加装电梯方案\n同意\n反对\n弃权\n规则: 一般事项\n截止: 2026-12-09 20:00');
    await say(residents[0]!, '投票 同意');
    await say(residents[1]!, '投票 1');
    await say(residents[2]!, '#1 反对');
    await say(residents[3]!, '投票 同意');
    await say(chatter, '投票 同意');
    clock.advance(26 * 3600_000);
    await say(residents[2]!, '投票 1 同意');
    await say(residents[4]!, '投票 同意');
    await say(residents[5]!, '投票 弃权');
    await say(residents[6]!, '投票 反对');
    await say(residents[0]!, '结果');
    await say(residents[3]!, '结果 1', 'private');
    clock.set('2026-12-09T12:00:30Z');
    day('表决截止，自动公布结果');
    await closeDuePolls({ db, clock, core, live, log });

    day('居民公约表决（居民会议规则，不记名）');
    await say(chair, '表决 修订《幸福里居民公约》第五条：电动车一律不得进楼道充电\n同意\n反对\n弃权\n规则: 居民会议\n不记名\n截止: 3天');
    await say(residents[0]!, '投票 同意');
    await say(residents[0]!, '投票 2 同意', 'private');
    for (const [i, r] of residents.slice(1).entries()) await say(r, `投票 2 ${i % 4 === 3 ? '反对' : '同意'}`, 'private');
    await say(chair, '结束表决 2');
    await say(chatter, '表决列表');
  } finally {
    live.stop();
    await database.close();
    if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true });
  }
  return transcript;
}

function indent(head: string, text: string): string {
  const [first, ...rest] = text.split('\n');
  return [`${head}${first}`, ...rest.map((l) => `      ${l}`)].join('\n');
}

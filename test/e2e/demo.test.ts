import { expect, it } from 'vitest';
import { runDemo } from '../../src/demo/run-demo.js';

it('plays the demo month on a fresh embedded database with a lawful tally', async () => {
  const lines = (await runDemo()).join('\n');
  expect(lines).toContain('本群已开通为“幸福里小区”的议事群');
  expect(lines).toContain('这个绑定码已作废');
  expect(lines).toContain('参与：面积 701.70/892.93 m² ✓，人数 7/9 人 ✓');
  expect(lines).toContain('结果：通过');
  expect(lines).toContain('表决 #2 是不记名投票');
  expect(lines).not.toContain('今天谁家在装修？电钻声好大\n[幸福里业主群] 议事助手');
}, 120_000);

import { runDemo } from '../src/demo/run-demo.js';

console.log('议事 Yishi — 一个小区一个月的群聊演示（内嵌数据库，无需账号和网络）\n');
await runDemo({ out: (line) => console.log(line) });

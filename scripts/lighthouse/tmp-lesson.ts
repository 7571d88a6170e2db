import { auditPages } from './audit.ts';
for (let i = 0; i < Number(process.argv[2] ?? 2); i++) {
  const [a] = await auditPages('http://127.0.0.1:4329', ['lesson']);
  console.log(`perf ${a.scores.performance} TBT ${a.totalBlockingMs} main ${a.mainThreadMs} dom ${a.domElements} LCP ${a.largestPaintMs}`);
}

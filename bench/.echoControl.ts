import { EchoPeer } from './lspClient';
import { nowMs, percentile, median } from './stats';
const r = (l: number) => ({ start: { line: l, character: 0 }, end: { line: l, character: 40 } });
const answer = Array.from({ length: 3050 }, (_, i) => ({ name: `M${i}_CFLAGS_SOMETHING`, detail: ':= -O2 -DMODULE=m0001 and more', kind: 13, range: r(i), selectionRange: r(i), children: i % 3 ? [] : [{ name: 'x', kind: 12, range: r(i), selectionRange: r(i) }] }));
async function main() {
  const a = EchoPeer.start(), b = EchoPeer.start();
  await a.remember(answer); await b.remember(answer);
  console.log('bytes', JSON.stringify(answer).length);
  const ta: number[] = [], tb: number[] = [];
  for (let i = 0; i < 340; i++) {
    let t = nowMs(); await a.echo(); const x = nowMs() - t;
    t = nowMs(); await b.echo(); const y = nowMs() - t;
    if (i >= 40) { ta.push(x); tb.push(y); }
  }
  const d = ta.map((x, i) => x - tb[i]);
  console.log('a p50/p95', median(ta).toFixed(2), percentile(ta, 95).toFixed(2), 'b p50/p95', median(tb).toFixed(2), percentile(tb, 95).toFixed(2));
  console.log('per-round diff p95', percentile(d, 95).toFixed(2), 'p50', median(d).toFixed(2), 'p95a-p95b', (percentile(ta, 95) - percentile(tb, 95)).toFixed(2));
  await a.stop(); await b.stop();
}
main();

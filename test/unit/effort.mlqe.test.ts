import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hter } from '../../shared/effort';

// HTER as published with MLQE-PE (computed with tercom), reproduced line by line. See test/fixtures/mlqe-pe.
const fixtures = new URL('../fixtures/mlqe-pe/', import.meta.url);

function lines(pair: string, file: string): string[] {
  const text = readFileSync(new URL(`${pair}/${file}`, fixtures), 'utf8');
  return text.replace(/\n$/, '').split('\n');
}

describe.each(['en-de', 'ro-en'])('HTER on MLQE-PE %s dev', (pair) => {
  it('matches the published figure on every line', () => {
    const mt = lines(pair, 'dev.mt');
    const pe = lines(pair, 'dev.pe');
    const published = lines(pair, 'dev.hter').map(Number);
    expect(mt).toHaveLength(published.length);
    expect(pe).toHaveLength(published.length);

    let within = 0;
    let maxDeviation = 0;
    const misses: string[] = [];
    published.forEach((expected, i) => {
      const deviation = Math.abs(hter(mt[i]!, pe[i]!) - expected);
      maxDeviation = Math.max(maxDeviation, deviation);
      if (deviation <= 0.001) within++;
      else misses.push(`line ${i + 1}: published ${expected}, computed ${hter(mt[i]!, pe[i]!)}`);
    });

    console.log(`MLQE-PE ${pair} dev: ${within}/${published.length} lines within 0.001, max deviation ${maxDeviation.toExponential(2)}`);
    // The published figures have six decimals, hence deviations up to 5e-7.
    expect(misses).toEqual([]);
    expect(within / published.length).toBeGreaterThanOrEqual(0.99);
  });
});

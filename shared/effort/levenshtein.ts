/**
 * Levenshtein distance between two sequences of small non-negative ids (every id below `alphabet`).
 *
 * A correction usually changes little of a long text, so the diagonal-transition algorithm (Ukkonen 1985,
 * Landau and Vishkin), O(n + d²) in practice, runs first; if the distance d turns out large it gives up, at a
 * point where it has spent a small fraction of what Myers' bit-parallel algorithm costs whatever d is, O(n·m/32).
 */
export function levenshtein(a: Int32Array, b: Int32Array, alphabet: number): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const cap = Math.floor(Math.sqrt((short.length * long.length) / 32) / 4);
  return diagonals(short, long, cap) ?? blocks(short, long, alphabet);
}

/**
 * For d = 0, 1, 2…: the furthest row each diagonal (k = column − row) reaches with d edits, then slid along
 * matches. Returns null once d would exceed `cap`.
 */
function diagonals(a: Int32Array, b: Int32Array, cap: number): number | null {
  const n = a.length;
  const m = b.length;
  const target = m - n;
  const maxD = Math.min(cap, m);
  // Row reached on diagonal k is stored at k + offset; -2 marks a diagonal not reached yet.
  const offset = maxD + 1;
  let previous = new Int32Array(2 * maxD + 3).fill(-2);
  let current = new Int32Array(2 * maxD + 3).fill(-2);
  for (let d = 0; d <= maxD; d++) {
    for (let k = -d; k <= d; k++) {
      let row: number;
      if (d === 0) row = 0;
      else {
        const substitute = previous[k + offset]! + 1;
        const insert = previous[k - 1 + offset]!;
        const remove = previous[k + 1 + offset]! + 1;
        row = Math.max(substitute, insert, remove);
        if (row < 0) row = -2;
      }
      if (row > n) row = n;
      if (row + k > m) row = m - k;
      if (row < 0 || row + k < 0) {
        current[k + offset] = -2;
        continue;
      }
      while (row < n && row + k < m && a[row] === b[row + k]) row++;
      current[k + offset] = row;
      if (k === target && row === n) return d;
    }
    [previous, current] = [current, previous];
  }
  return null;
}

/**
 * `pattern` runs down the rows in blocks of 32; each block sweeps the whole `text` and hands the horizontal
 * delta of its bottom row, one bit per text position, to the next block through hp/hn.
 */
function blocks(pattern: Int32Array, text: Int32Array, alphabet: number): number {
  const m = pattern.length;
  const n = text.length;
  const peq = new Int32Array(alphabet);
  const words = (n + 31) >>> 5;
  // The top row of the matrix rises by one per column.
  const hp = new Int32Array(words).fill(-1);
  const hn = new Int32Array(words);
  let distance = m;

  for (let start = 0; start < m; start += 32) {
    const height = Math.min(32, m - start);
    for (let k = 0; k < height; k++) peq[pattern[start + k]!]! |= 1 << k;
    const outShift = height - 1;
    let pv = -1;
    let mv = 0;
    // Net change along this block's bottom row; only the last block's bottom row is the matrix's last row.
    let bottom = 0;

    for (let w = 0, i = 0; w < words; w++) {
      const hpIn = hp[w]!;
      const hnIn = hn[w]!;
      let hpOut = 0;
      let hnOut = 0;
      for (let bit = 0; bit < 32 && i < n; bit++, i++) {
        const eq = peq[text[i]!]!;
        const pb = (hpIn >>> bit) & 1;
        const mb = (hnIn >>> bit) & 1;
        const xv = eq | mv;
        const eqh = eq | mb;
        const xh = (((eqh & pv) + pv) ^ pv) | eqh;
        let ph = mv | ~(xh | pv);
        let mh = pv & xh;
        const po = (ph >>> outShift) & 1;
        const mo = (mh >>> outShift) & 1;
        bottom += po - mo;
        hpOut |= po << bit;
        hnOut |= mo << bit;
        ph = (ph << 1) | pb;
        mh = (mh << 1) | mb;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
      }
      hp[w] = hpOut;
      hn[w] = hnOut;
    }
    distance = m + bottom;

    for (let k = 0; k < height; k++) peq[pattern[start + k]!] = 0;
  }
  return distance;
}

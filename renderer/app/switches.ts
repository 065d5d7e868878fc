/**
 * Switches read from the page URL, for tests and demos: `?demo=0` starts without the demo batches,
 * `?reviewer=<name>` names the reviewer at once instead of asking.
 */
export interface Switches {
  demo?: boolean;
  reviewerName?: string;
}

export function readSwitches(search: string): Switches {
  const params = new URLSearchParams(search);
  const switches: Switches = {};
  const demo = params.get('demo');
  if (demo !== null) switches.demo = !['0', 'false', 'no', 'off'].includes(demo.toLowerCase());
  const name = params.get('reviewer')?.trim();
  if (name) switches.reviewerName = name.slice(0, 200);
  return switches;
}

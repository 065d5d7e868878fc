#!/usr/bin/env node
// The `loupe` command. The TypeScript entry is compiled on the fly by jiti (cached on disk after the first
// run), so the command line always runs the code of the checkout and never a stale build (docs/decisions.md).
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url);
const { main } = await jiti.import('../main.ts');
process.exitCode = await main(process.argv.slice(2));

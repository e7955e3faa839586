#!/usr/bin/env node
// Entry point of the `qingfeng` command: runs the TypeScript sources through tsx, no build step needed.
import { register } from 'tsx/esm/api';

register();
await import('../engine/cli/main.ts');

#!/usr/bin/env -S node --max-semi-space-size=8
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv);

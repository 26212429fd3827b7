/** Every bench section, in run order. Add plan / apply-call-count sections here. */
import type { BenchSection } from '../lib/section.js';
import { validateSection } from './validate.js';

export const SECTIONS: BenchSection[] = [validateSection];

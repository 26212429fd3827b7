/** Every bench section, in run order. Add plan / apply-call-count sections here. */
import type { BenchSection } from '../lib/section.js';
import { validateSection } from './validate.js';
import { planSection } from './plan.js';
import { cloudflareSection } from './cloudflare.js';
import { route53Section } from './route53.js';

export const SECTIONS: BenchSection[] = [validateSection, planSection, cloudflareSection, route53Section];

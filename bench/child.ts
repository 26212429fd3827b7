/** Child-process entry of the benches: `node dist/bench/child.js <section>:<task> <json args>`. */
import { childMeasure } from './lib/measure.js';
import { loadSection } from './sections/index.js';

const [spec = '', rawArgs = '{}'] = process.argv.slice(2);
const [sectionName, taskName] = spec.split(':');
const task = (await loadSection(sectionName ?? ''))?.tasks[taskName ?? ''];
if (!task) {
  process.stderr.write(`unknown bench task ${spec}\n`);
  process.exit(2);
}
await childMeasure(() => task(JSON.parse(rawArgs)));

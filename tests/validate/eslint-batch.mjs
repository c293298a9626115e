// Runs ESLint's Node API outside jest (jest's module sandbox cannot load eslint.config.mjs):
// reads {texts: [{code, filePath}], configsFor: [filePath], files: [pattern]} as JSON on stdin and
// prints, in the same order, the rule ids reported for each text ('parse' for a parsing error),
// each file's rule severities, and the problems found in the files.
import { ESLint } from 'eslint';

const severity = (entry) => (Array.isArray(entry) ? entry[0] : entry);
const input = JSON.parse(await new Response(process.stdin).text());
const eslint = new ESLint();

const texts = [];
for (const { code, filePath } of input.texts ?? []) {
  const [result] = await eslint.lintText(code, { filePath });
  texts.push(result.messages.map((m) => (m.fatal ? 'parse' : m.ruleId)));
}
const configs = [];
for (const filePath of input.configsFor ?? []) {
  const { rules } = await eslint.calculateConfigForFile(filePath);
  configs.push(Object.fromEntries(Object.entries(rules).map(([rule, entry]) => [rule, severity(entry)])));
}
const results = input.files?.length ? await eslint.lintFiles(input.files) : [];
const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
process.stdout.write(JSON.stringify({ texts, configs, problems }));

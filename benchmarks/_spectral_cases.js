// Turns Spectral's per-rule tests (packages/rulesets/src/*/__tests__/*.test.ts) into JSON cases:
// {rule, name, document, remote, errors: [{path, severity}]}. Each file is run as plain JavaScript
// after dropping its imports and TypeScript annotations, with small stand-ins for what it imports
// (testRule collects the table; immer's produce and lodash's cloneDeep copy the document).
// Usage: node benchmarks/_spectral_cases.js FILE.test.ts ...   (cases on stdout, failures on stderr)
const fs = require('fs');
const out = [];
const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
function testRule(rule, cases) { for (const c of cases) out.push({ rule, name: c.name, document: c.document, remote: Boolean(c.documents || (c.document && c.document.source)), errors: (c.errors || []).map(e => ({ path: e.path, severity: e.severity })) }); }
const expect = { any: () => null, objectContaining: o => o, arrayContaining: a => a };
function produce(base, fn) { const draft = structuredClone(base); const r = fn(draft); return r === undefined ? draft : r; }
class Document { constructor(text, parser, source) { this.data = JSON.parse(text); this.source = source; } }
for (const file of process.argv.slice(2)) {
  let src = fs.readFileSync(file, 'utf8');
  src = src.replace(/^import[\s\S]*?;\s*$/gm, '').replace(/^export /gm, '');
  src = src.replace(/\b(const|let) (\w+): [^=]+=/g, '$1 $2 =').replace(/\((\w+): [\w<>\[\], .]+\)/g, '($1)').replace(/<any, any>/g, '');
  src = src.replace(/!([.)\],])/g, '$1');
  src = src.replace(/ as const/g, '').replace(/ as any/g, '').replace(/ as \w+(\[\])?/g, '');
  try { const here = p => require(require('path').resolve(require('path').dirname(file), p));
    const path = { join: (...parts) => require('path').join(...parts) }, Parsers = { Json: 'json', Yaml: 'yaml' };
    new Function('testRule', 'DiagnosticSeverity', 'require', 'cloneDeep', 'produce', 'expect', 'Document', 'path', 'Parsers', '__dirname', src)(testRule, DiagnosticSeverity, here, structuredClone, produce, expect, Document, path, Parsers, require('path').dirname(file)); }
  catch (e) { console.error(file + ': ' + e.message); }
}
process.stdout.write(JSON.stringify(out));

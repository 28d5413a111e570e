// Prints the end-to-end totals as one plain closing line ("end2end: N passed, N failed, N skipped"),
// read from Playwright's JSON report. Exits non-zero when the report is missing or nothing ran.
const fs = require("node:fs");
const path = require("node:path");
const file = path.join(__dirname, "test-results", "results.json");
if (!fs.existsSync(file)) {
  console.log("end2end: 0 passed, 1 failed (no report: Playwright did not run)");
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, "utf8"));
const { stats } = report;
const passed = stats.expected + stats.flaky;
const failed = stats.unexpected;
// Each failure's title and the first lines of its error, last, where a CI log's tail shows them
// (Playwright's own report of them comes before its long list of attachments).
const strip = (text) => text.replace(/\u001b\[[0-9;]*m/g, "");
const failures = [];
const walk = (suite, titles) => {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      if (t.status !== "unexpected") continue;
      const last = t.results[t.results.length - 1] ?? {};
      const error = strip(last.error?.message ?? "").split("\n").slice(0, 12).join("\n    ");
      failures.push(`[${t.projectName}] ${[...titles, spec.title].join(" › ")}\n    ${error}`);
    }
  }
  for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
};
for (const suite of report.suites ?? []) walk(suite, [suite.title]);
for (const f of failures) console.log(`FAILED ${f}`);
console.log(`end2end: ${passed} passed, ${failed} failed, ${stats.skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

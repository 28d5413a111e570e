// Prints the end-to-end totals as one plain closing line ("end2end: N passed, N failed, N skipped"),
// read from Playwright's JSON report. Exits non-zero when the report is missing or nothing ran.
const fs = require("node:fs");
const path = require("node:path");
const file = path.join(__dirname, "test-results", "results.json");
if (!fs.existsSync(file)) {
  console.log("end2end: 0 passed, 1 failed (no report: Playwright did not run)");
  process.exit(1);
}
const { stats } = JSON.parse(fs.readFileSync(file, "utf8"));
const passed = stats.expected + stats.flaky;
const failed = stats.unexpected;
console.log(`end2end: ${passed} passed, ${failed} failed, ${stats.skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

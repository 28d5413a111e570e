// A person's data (issue #19): an agent downloads everything Portico holds about a contact (the ZIP
// read back with Python's zipfile) and has no way to erase it; an admin erases it after typing the
// address and finds both in the audit log; the contact can no longer sign in. Runs with JavaScript
// and without.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { test, expect, signIn, signOut, addUser, checkA11y } from "./fixtures";

/** The entries of a ZIP file and the text of `person.json`. */
function readZip(file: string): { names: string[]; person: Record<string, unknown> } {
  const script =
    "import json, sys, zipfile\n" +
    "z = zipfile.ZipFile(sys.argv[1])\n" +
    "print(json.dumps({'names': z.namelist(), 'person': json.loads(z.read('person.json'))}))\n";
  const res = spawnSync("python3", ["-c", script, file], { encoding: "utf8" });
  if (res.status !== 0) throw new Error(`not a ZIP: ${res.stderr}`);
  return JSON.parse(res.stdout);
}

test("an agent downloads a contact's data, an admin erases it, and the log says so", async ({ page, visit, portico }, info) => {
  test.slow(); // many pages, each checked by axe-core
  const email = `sanne.${info.project.name}@janssens.example`;
  const password = "amber lighthouse fields";
  addUser(portico, {
    email,
    name: "Sanne Mulder",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password,
  });
  const openContact = async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
    await page.getByRole("link", { name: "Carrosserie Janssens BV" }).click();
    await page.getByRole("row", { name: /Sanne Mulder/ }).getByRole("link", { name: "Sanne Mulder" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sanne Mulder" })).toBeVisible();
  };
  await visit("/login");
  await signIn(page, "daan.visser@portico.example");
  await openContact();
  const section = page.getByRole("region", { name: "Personal data" });
  await expect(section).toBeVisible();
  await expect(section.getByRole("button", { name: "Erase personal data" })).toHaveCount(0);
  await checkA11y(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    section.getByRole("link", { name: "Download personal data (ZIP)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^personal-data-\d+\.zip$/);
  const file = await download.path();
  const zip = readZip(file!);
  expect(zip.names).toEqual(
    expect.arrayContaining(["person.json", "cases.json", "comments.json", "files.json", "history.json"]),
  );
  expect(zip.person.email).toBe(email);
  expect(zip.person.name).toBe("Sanne Mulder");
  fs.rmSync(file!, { force: true });

  // Erasing is an admin's.
  await signOut(page);
  await signIn(page, "admin@portico.example");
  await openContact();

  // The address must be typed to erase; a wrong one is said next to the field.
  const confirm = section.getByLabel("Type their email address to confirm");
  await confirm.fill("someone.else@janssens.example");
  await section.getByRole("button", { name: "Erase personal data" }).click();
  await expect(page.getByLabel("Type their email address to confirm")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Type the person's email address exactly as shown to confirm.")).toBeVisible();
  await checkA11y(page);
  await page.getByLabel("Type their email address to confirm").fill(email);
  await page.getByRole("button", { name: "Erase personal data" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The personal data has been erased." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: /^— #\d+$/ })).toBeVisible();
  await checkA11y(page);

  await visit("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const erased = page.getByRole("row", { name: /Personal data erased/ }).first();
  await expect(erased).toContainText("admin@portico.example");
  await expect(erased).toContainText(/— #\d+ <erased-\d+@erased\.invalid>/);
  await expect(page.getByRole("row", { name: /Personal data downloaded/ }).first()).toContainText(
    "daan.visser@portico.example",
  );
  await checkA11y(page);

  // She can no longer sign in.
  await signOut(page);
  await signIn(page, email, password);
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
});

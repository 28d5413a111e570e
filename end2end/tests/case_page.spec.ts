// The case page: open a case from the list, read its sections, add a comment (shown at once), add a
// file, follow it, open the printable view, and clone it into a new case form; support's history tells of the
// comment and the file; with and without JavaScript.
import { test, expect, signIn, signOut, addUser } from "./fixtures";

test("open a case, comment, follow, print and clone", async ({ page, visit, portico }, info) => {
  test.slow(); // several pages, each checked by axe-core
  const email = `page.${info.project.name}@janssens.example`;
  addUser(portico, {
    email,
    name: "Pieter Page",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password: "pieter's long passphrase",
  });
  await visit("/login");
  await signIn(page, email, "pieter's long passphrase");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/cases/new");
  await page.getByLabel("Subject").fill("Wipers squeak in the estimate photos");
  await page.getByLabel("Description").fill("Only on the second photo.");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "created." })).toBeVisible();

  await visit("/cases");
  await page.getByRole("table", { name: "My cases" }).getByRole("link", { name: /^\d{8}$/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Wipers squeak in the estimate photos" })).toBeVisible();
  for (const section of ["Organization and contact details", "Impact details", "System details", "Case comments (0)", "Attachments (0)"]) {
    await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "Organization and contact details" })).toContainText("Pieter Page");
  await expect(page.getByRole("region", { name: "System details" })).toContainText("Web");

  await page.getByLabel("New comment").fill("It happens at 80 km/h too.");
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Case comments (1)" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "It happens at 80 km/h too." })).toContainText("Pieter Page");

  // A file joins the case from its page: the picker with JavaScript, the file field without.
  const file = { name: "second-photo.txt", mimeType: "text/plain", buffer: Buffer.from("photo 2\n") };
  if ((info.project.use as { javaScriptEnabled?: boolean }).javaScriptEnabled !== false) {
    await page.getByRole("button", { name: "Upload files" }).click();
    await page.getByRole("dialog").getByLabel("Choose files from your computer").setInputFiles(file);
    await expect(page.getByRole("group", { name: "Attachments" }).getByRole("listitem")).toContainText("Uploaded");
    await page.getByRole("button", { name: "Add to case" }).click();
  } else {
    await page.getByLabel("Files", { exact: true }).setInputFiles(file);
    await page.getByRole("button", { name: "Upload files" }).click();
  }
  await expect(page.getByRole("heading", { level: 2, name: "Attachments (1)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Download second-photo.txt" })).toBeVisible();

  // Following the case is its own button; the file beside it has one of its own, named after the file.
  // (Once followed it reads "✓ Follow".)
  const follow = page.getByRole("button", { name: /^(✓ )?Follow$/ });
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await follow.click();
  await expect(page.getByRole("button", { name: /^(✓ )?Follow$/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: "Follow second-photo.txt" })).toHaveAttribute("aria-pressed", "false");

  await page.getByRole("link", { name: "Printable view" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wipers squeak in the estimate photos" })).toBeVisible();
  await expect(page.getByText("It happens at 80 km/h too.", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Back to the case" }).click();

  await page.getByRole("link", { name: "Clone" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create case" })).toBeVisible();
  await expect(page.getByLabel("Subject")).toHaveValue("Wipers squeak in the estimate photos");
  await expect(page.getByLabel("Description")).toHaveValue("Only on the second photo.");

  // Support sees the case too; their picker only uploads (the lists are the customer's files).
  const number = new URL(page.url()).searchParams.get("clone")!;
  await signOut(page);
  await signIn(page, "daan.visser@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit(`/cases/${number}`);
  await expect(page.getByText("It happens at 80 km/h too.", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Internal (support only)")).toBeVisible();
  // Their history names the customer's comment and file, with who added them.
  const history = page.getByRole("region", { name: /^History/ });
  await expect(history).toContainText("Public comment: It happens at 80 km/h too.");
  await expect(history.getByRole("listitem").filter({ hasText: "File added: second-photo.txt" })).toContainText("Pieter Page");
  if ((info.project.use as { javaScriptEnabled?: boolean }).javaScriptEnabled !== false) {
    await page.getByRole("button", { name: "Upload files" }).click();
    await expect(page.getByRole("dialog").getByRole("tab")).toHaveText(["Upload new"]);
  }
});

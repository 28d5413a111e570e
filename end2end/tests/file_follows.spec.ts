// Following a case's files, as two Dutch colleagues meet it: one follows a file the other uploaded,
// finds it under "Momenteel volgen" in the picker (with JavaScript), and gets an email in Dutch when a
// new version arrives and when the file is removed; the uploader's page keeps the earlier version.
// Every page is checked by axe-core and for English left on a Dutch page. Runs with JavaScript and
// without.
import { test, expect, signIn, signOut, addUser, checkA11y, waitForMail } from "./fixtures";

test("a colleague follows a file and hears of its new version and its removal, in Dutch", async ({
  page,
  visit,
  portico,
}, info) => {
  test.slow(); // two people, several pages, each checked by axe-core
  const tag = info.project.name.replace(/\W/g, "");
  const noor = `noor.${tag}@devries.example`;
  const ruben = `ruben.${tag}@devries.example`;
  const password = "een lange wachtzin voor de test";
  for (const [email, name] of [
    [noor, "Noor de Vries"],
    [ruben, "Ruben de Vries"],
  ]) {
    // Colleagues at a demo company (`portico user add` joins an existing one).
    addUser(portico, { email, name, role: "customer", account: "Carrosserie Janssens BV", language: "nl", password });
  }

  // Noor opens a case with a measurement report (set up through the same calls the form makes).
  await visit("/login");
  await signIn(page, noor, password); // the sign-in page speaks the browser's English, at first
  await expect(page.getByRole("heading", { level: 1, name: "Hoe kunnen we u helpen?" })).toBeVisible();
  const origin = { Origin: portico.url };
  const upload = await page.request.post("/api/attachments", {
    headers: origin,
    multipart: { file: { name: "meetrapport.txt", mimeType: "text/plain", buffer: Buffer.from("meting 1\n") } },
  });
  expect(upload.status()).toBe(200);
  const id = (await upload.json()).stored.id as number;
  const created = await page.request.post("/api/create_case", {
    headers: { ...origin, Accept: "application/json" },
    form: { subject: `Meetrapport klopt niet (${tag})`, attachments: String(id) },
  });
  expect(created.status()).toBe(200);
  const number = ((await created.json()).number as number).toString().padStart(8, "0");
  await signOut(page, "nl");

  // Ruben follows it from the case page.
  await signIn(page, ruben, password, "nl"); // signed out, the language cookie stays Dutch
  await expect(page.getByRole("heading", { level: 1, name: "Hoe kunnen we u helpen?" })).toBeVisible();
  await visit(`/cases/${number}`);
  await expect(page.getByRole("heading", { name: "Bijlagen (1)" })).toBeVisible();
  const followButton = page.getByRole("button", { name: "meetrapport.txt volgen" });
  await expect(followButton).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByText("Nieuwe versie uploaden")).toHaveCount(0); // not his file
  await followButton.click();
  await expect(page.getByRole("button", { name: "meetrapport.txt volgen" })).toHaveAttribute("aria-pressed", "true");
  await checkA11y(page);

  // With JavaScript, the picker's "Momenteel volgen" lists it, ready to attach to a new case.
  if (info.project.use.javaScriptEnabled !== false) {
    await visit("/cases/new");
    await page.getByRole("button", { name: "Upload bestand" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("tab", { name: "Momenteel volgen" }).click();
    await expect(dialog.getByRole("tab", { name: "Momenteel volgen" })).toHaveAttribute("aria-selected", "true");
    await expect(dialog.getByRole("button", { name: "meetrapport.txt bijvoegen" })).toBeVisible();
    await checkA11y(page);
    await page.keyboard.press("Escape");
  }
  await signOut(page, "nl");

  // Noor uploads version 2: her page shows it, with version 1 kept; Ruben is told in Dutch.
  await signIn(page, noor, password, "nl");
  await expect(page.getByRole("heading", { level: 1, name: "Hoe kunnen we u helpen?" })).toBeVisible();
  await visit(`/cases/${number}`);
  await page.getByText("Nieuwe versie uploaden").click();
  await page.getByLabel("Nieuwe versie van meetrapport.txt").setInputFiles({
    name: "meetrapport-v2.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("meting 2\n"),
  });
  await page.getByRole("button", { name: "Versie uploaden" }).click();
  const files = page.getByRole("region", { name: /^Bijlagen/ });
  await expect(files.getByRole("link", { name: "meetrapport-v2.txt downloaden" })).toBeVisible();
  await expect(files).toContainText("Versie 2");
  await files.getByText("Eerdere versies (1)").click();
  await expect(files.getByRole("link", { name: "Versie 1: meetrapport.txt" })).toBeVisible();
  await checkA11y(page);
  const version = await waitForMail(portico, ruben, new RegExp(`^Dossier ${number}: nieuwe versie van meetrapport-v2\\.txt`));
  expect(version.text).toContain("Noor de Vries heeft versie 2 van meetrapport-v2.txt geüpload");
  expect(version.text).toContain("U ontvangt deze e-mail omdat u meetrapport-v2.txt volgt.");

  // She removes it, for everyone; Ruben is told that too.
  await files.getByText("Verwijderen", { exact: true }).click();
  await expect(files.getByText("meetrapport-v2.txt en de eerdere versies worden voor iedereen uit het dossier verwijderd.")).toBeVisible();
  await files.getByRole("button", { name: "meetrapport-v2.txt verwijderen" }).click();
  await expect(page.getByRole("heading", { name: "Bijlagen (0)" })).toBeVisible();
  await checkA11y(page);
  await waitForMail(portico, ruben, new RegExp(`^Dossier ${number}: meetrapport-v2\\.txt is verwijderd`));
});

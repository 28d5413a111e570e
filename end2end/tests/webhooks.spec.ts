// Webhooks (issue #19): an admin subscribes a receiver on loopback (refused until private addresses
// are allowed, said at the field); a customer opens a case and the receiver gets "case.created",
// signed with the secret the webhook's page shows (checked here with Node's own HMAC); the page's
// delivery log says "Delivered", and "Send again" sends the same event once more. With JavaScript
// and without; every page checked by axe-core.
import { createHmac } from "node:crypto";
import * as http from "node:http";
import { test, expect, signIn, signOut, addUser, openAccountMenu, checkA11y } from "./fixtures";

type Received = { event: string; signature: string; body: string };

/** An HTTP receiver on a free loopback port that records every request and answers 204. */
async function startReceiver(): Promise<{ url: string; got: Received[]; close: () => void }> {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      got.push({
        event: String(req.headers["portico-event"] ?? ""),
        signature: String(req.headers["portico-signature"] ?? ""),
        body,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/portico-hook`, got, close: () => server.close() };
}

/** Whether `r` carries `secret`'s HMAC-SHA256 of "t.body". */
function signedWith(r: Received, secret: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(r.signature);
  if (!m) return false;
  const expected = createHmac("sha256", secret).update(`${m[1]}.${r.body}`).digest("hex");
  return expected === m[2];
}

test("an admin subscribes a receiver; a new case reaches it signed; the log sends it again", async ({
  page,
  visit,
  portico,
}, info) => {
  test.slow(); // two people, several pages, each checked by axe-core
  const receiver = await startReceiver();
  try {
    const email = `hooks.${info.project.name}@janssens.example`;
    const password = "webhook listener passphrase";
    const subject = `Compressor trips the fuse (${info.project.name})`;
    addUser(portico, {
      email,
      name: "Mila Mertens",
      role: "customer",
      account: "Carrosserie Janssens BV",
      language: "en",
      password,
    });

    await visit("/login");
    await signIn(page, "admin@portico.example");
    const item = page.getByRole("link", { name: "Webhooks" });
    await openAccountMenu(page, item);
    await item.click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await checkA11y(page);

    // Loopback is refused, at the field, until the admin allows private addresses.
    await page.getByLabel("Payload URL").fill(receiver.url);
    await page.getByLabel("Description (optional)").fill("Our ticket bridge");
    await expect(page.getByRole("checkbox", { name: /Case created/ })).toBeChecked();
    await page.getByRole("button", { name: "Save webhook" }).click();
    await expect(page.getByLabel("Payload URL")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("This address is on this machine or a private network.")).toBeVisible();
    await expect(page.getByLabel("Payload URL")).toHaveValue(receiver.url);
    await checkA11y(page);
    await page.getByRole("checkbox", { name: "Allow addresses on this machine or a private network" }).check();
    await page.getByRole("button", { name: "Save webhook" }).click();
    await expect(page.getByRole("heading", { level: 1, name: receiver.url })).toBeVisible();
    await expect(page.getByRole("status")).toContainText("Webhook saved.");
    const secret = await page.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    await expect(page.getByText("Nothing sent yet.")).toBeVisible();
    await checkA11y(page);
    const hookPage = page.url();
    await signOut(page);

    // A customer opens a case: the receiver hears of it, signed.
    await signIn(page, email, password);
    await visit("/cases/new");
    await page.getByLabel("Subject").fill(subject);
    await page.getByRole("button", { name: "Submit" }).click();
    const toast = page.getByRole("status").filter({ hasText: "created." });
    await expect(toast).toBeVisible();
    const number = /Case (\d{8}): created\./.exec((await toast.textContent()) ?? "")![1];
    await expect.poll(() => receiver.got.length, { timeout: 15_000 }).toBe(1);
    const first = receiver.got[0];
    expect(first.event).toBe("case.created");
    expect(signedWith(first, secret)).toBe(true);
    const event = JSON.parse(first.body);
    expect(event.case.number).toBe(number);
    expect(event.case.subject).toBe(subject);
    expect(event.case.account.name).toBe("Carrosserie Janssens BV");
    await signOut(page);

    // The log says so; "Send again" sends the same event once more.
    await signIn(page, "admin@portico.example");
    await page.goto(hookPage.replace(/\?.*$/, ""));
    const log = page.getByRole("table", { name: "Recent deliveries" });
    const row = log.getByRole("row").filter({ hasText: number });
    await expect(row).toContainText("Case created");
    await expect(row).toContainText("Delivered");
    await expect(row).toContainText("HTTP 204");
    await checkA11y(page);
    await row.getByRole("button", { name: /^Send again/ }).click();
    await expect(page.getByRole("status")).toContainText("Sent again");
    await expect.poll(() => receiver.got.length, { timeout: 15_000 }).toBe(2);
    expect(JSON.parse(receiver.got[1].body).id).toBe(event.id);
    expect(signedWith(receiver.got[1], secret)).toBe(true);
    await page.reload();
    await expect(log.getByRole("row").filter({ hasText: number })).toHaveCount(2);
    await checkA11y(page);
  } finally {
    receiver.close();
  }
});

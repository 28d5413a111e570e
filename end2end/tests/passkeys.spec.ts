// Passkeys (issue #19) with and without JavaScript: the account page lists one's passkeys either
// way; adding one needs JavaScript (the browser makes it), which the page says without it, and the
// sign-in page offers "Sign in with a passkey" only once it can work. Browsers allow passkeys only on
// a domain name, so this portico's public URL is http://localhost:PORT (passkeys.hydrate.spec.ts
// adds one and signs in with it).
import { testOnLocalhost as test, expect, signIn, addUser, openAccountMenu } from "./fixtures";

test("the passkeys page and the sign-in button, as each browser can use them", async ({
  page,
  visit,
  portico,
}, info) => {
  const live = info.project.name === "chromium";
  const email = `bram.${info.project.name}@passkeys.example`;
  const password = "willow kettle orchard";
  addUser(portico, {
    email,
    name: "Bram Smit",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password,
  });
  await visit("/login");
  const button = page.getByRole("button", { name: "Sign in with a passkey" });
  if (live) {
    await expect(button).toBeVisible();
  } else {
    // Without JavaScript the button could do nothing: it is not offered.
    await expect(button).toBeHidden();
  }
  await signIn(page, email, password);
  const item = page.getByRole("link", { name: "Passkeys" });
  await openAccountMenu(page, item);
  await item.click();
  await expect(page.getByRole("heading", { level: 1, name: "Passkeys" })).toBeVisible();
  await expect(page.getByText("You have no passkeys yet.")).toBeVisible();
  await expect(page.getByLabel("Passkey name")).toBeVisible();
  const add = page.getByRole("button", { name: "Add a passkey" });
  if (live) {
    await expect(add).toBeEnabled();
    await expect(page.getByText("Adding a passkey needs JavaScript")).toBeHidden();
  } else {
    await expect(add).toBeDisabled();
    await expect(page.getByText("Adding a passkey needs JavaScript")).toBeVisible();
  }
});

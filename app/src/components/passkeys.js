// Passkeys in the browser: the ceremony between the server's two calls of adding a passkey
// ([data-passkey-add]) and of signing in with one ([data-passkey-sign-in]), with WebAuthn's JSON
// forms (PublicKeyCredential.parse…FromJSON, toJSON). Every text it shows is one the server
// rendered in the reader's language (#passkey-messages), by its message code. A browser without
// those forms keeps the sign-in button hidden and the add button disabled, and says why.
// Inlined by components/passkeys.rs with the page's CSP nonce.
const messages = JSON.parse(document.getElementById("passkey-messages")?.textContent || "{}");
const PKC = window.PublicKeyCredential;
const supported = Boolean(
  PKC && PKC.parseCreationOptionsFromJSON && PKC.parseRequestOptionsFromJSON && navigator.credentials,
);
// The browser's refusals: the prompt closed or timed out; no passkeys here; (adding) this device
// holds one of the person's already.
const REFUSALS = {
  NotAllowedError: "error_passkey_cancelled",
  AbortError: "error_passkey_cancelled",
  NotSupportedError: "error_passkey_unsupported",
  SecurityError: "error_passkey_unsupported",
  InvalidStateError: "error_passkey_on_device",
};

/** A server function's answer; on failure its field errors ({field: [codes]}) are thrown. */
async function call(name, args) {
  let res;
  try {
    res = await fetch(`/api/${name}`, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(args),
    });
  } catch {
    throw { _form: ["error_unavailable"] };
  }
  const body = await res.json().catch(() => null);
  if (res.ok) return body;
  if (body && body.Validation) throw body.Validation;
  if (res.status === 429) throw { _form: ["error_rate_limited"] };
  if (res.status === 503) throw { _form: ["error_unavailable"] };
  throw { _form: ["error_generic"] };
}

/** The browser's prompt ("create" or "get") for the server's options; the credential as JSON. */
async function prompt(kind, options) {
  try {
    const json = JSON.parse(options).publicKey;
    const publicKey =
      kind === "create" ? PKC.parseCreationOptionsFromJSON(json) : PKC.parseRequestOptionsFromJSON(json);
    const credential = await navigator.credentials[kind]({ publicKey });
    return JSON.stringify(credential.toJSON());
  } catch (e) {
    throw { _form: [REFUSALS[e && e.name] || "error_passkey_refused"] };
  }
}

/** Field errors from whatever was thrown (a script error shows as the generic message). */
const errorsOf = (thrown) => (thrown && !(thrown instanceof Error) ? thrown : { _form: ["error_generic"] });
const text = (codes) => (codes || []).map((code) => messages[code] || messages.error_generic).join(" ");

/** Says the form-level message of `errors` in the live region `status` (none: clears it). */
function say(status, errors) {
  status.replaceChildren();
  const message = text(errors && errors._form);
  if (message) {
    const p = document.createElement("p");
    p.className = "form-error";
    p.textContent = message;
    status.append(p);
  }
}

/** Shows `codes` under `input` as the server's pages do (`components::form::InputField`). */
function fieldError(input, codes) {
  const id = `${input.id}-error`;
  const described = (input.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== id);
  document.getElementById(id)?.remove();
  const message = text(codes);
  if (message) {
    const p = document.createElement("p");
    p.className = "field-error";
    p.id = id;
    p.textContent = message;
    input.after(p);
    described.push(id);
  }
  input.setAttribute("aria-invalid", String(Boolean(message)));
  if (described.length) input.setAttribute("aria-describedby", described.join(" "));
  else input.removeAttribute("aria-describedby");
}

for (const section of document.querySelectorAll("[data-passkey-sign-in]")) {
  if (!supported) continue;
  const button = section.querySelector("button");
  const status = section.querySelector("[role=alert]");
  section.hidden = false;
  button.addEventListener("click", async () => {
    button.disabled = true;
    say(status, null);
    try {
      const ceremony = await call("start_passkey_sign_in", {});
      const credential = await prompt("get", ceremony.options);
      const next = section.dataset.next || "/";
      location.assign(await call("finish_passkey_sign_in", { token: ceremony.token, credential, next }));
    } catch (thrown) {
      say(status, errorsOf(thrown));
      button.disabled = false;
    }
  });
}

for (const form of document.querySelectorAll("form[data-passkey-add]")) {
  const button = form.querySelector("button[type=submit]");
  const status = form.querySelector("[role=alert]");
  const input = form.elements.namedItem("passkey_name");
  document.querySelector("[data-passkey-no-script]")?.remove();
  if (!supported) {
    say(status, { _form: ["error_passkey_unsupported"] });
    continue;
  }
  button.disabled = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    say(status, null);
    fieldError(input, null);
    try {
      const ceremony = await call("start_adding_passkey", { passkey_name: input.value });
      const credential = await prompt("create", ceremony.options);
      await call("finish_adding_passkey", { token: ceremony.token, credential });
      location.assign(form.dataset.done);
    } catch (thrown) {
      const errors = errorsOf(thrown);
      fieldError(input, errors.passkey_name);
      say(status, errors);
      button.disabled = false;
      (errors.passkey_name ? input : button).focus();
    }
  });
}

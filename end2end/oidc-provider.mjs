// A real OpenID Connect provider on loopback for the single sign-on tests (Rust integration tests in
// server/tests/single_sign_on.rs and the Playwright spec sso.spec.ts): panva's oidc-provider (npm),
// offline, with one confidential client for Portico.
//
//   node oidc-provider.mjs            prints {"issuer": "http://127.0.0.1:PORT"} on its first line
//
// Environment: PORT (0: any free one), CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS (comma-separated),
// CONFORM=1 to keep the library's default of putting scope claims (email) only in the userinfo
// answer, not in the ID token.
//
// Its sign-in page asks for an email address and believes it (the test's person "has" that account);
// it then grants openid, email and profile without a consent screen.
//
// Test controls (loopback only, the tests' own): `POST /__test/next-id-token` with a JSON body
// {"aud": "...", "expired": true, "email": "..."} makes the next token answer's ID token carry that
// audience, an expiry in the past, or another email, signed with the provider's own key, so the
// relying party sees exactly what a misbehaving or hostile provider would send.
import { createServer } from "node:http";
import Provider from "oidc-provider";
import { SignJWT, exportJWK, generateKeyPair, decodeJwt, importJWK } from "jose";

const clientId = process.env.CLIENT_ID ?? "portico";
const clientSecret = process.env.CLIENT_SECRET ?? "portico-test-secret";
const redirectUris = (process.env.REDIRECT_URIS ?? "http://127.0.0.1:3000/auth/oidc/callback")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);

const { privateKey } = await generateKeyPair("RS256", { extractable: true });
const privateJwk = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };
const signingKey = await importJWK(privateJwk, "RS256");

const server = createServer();
await new Promise((resolve) => server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  jwks: { keys: [privateJwk] },
  cookies: { keys: ["portico-test-provider-cookie-key"] },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  conformIdTokenClaims: process.env.CONFORM === "1",
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: id, email: id, email_verified: true, name: id.split("@")[0] }),
  }),
});
// Loopback over plain HTTP: the library would otherwise refuse to set its cookies as "secure".
provider.proxy = false;

let nextIdToken = null;

const readForm = async (req) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body;
};

const escape = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

provider.use(async (ctx, next) => {
  if (ctx.path === "/__test/next-id-token" && ctx.method === "POST") {
    nextIdToken = JSON.parse((await readForm(ctx.req)) || "{}");
    ctx.status = 204;
    return;
  }
  const interaction = ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (interaction && ctx.method === "GET") {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    ctx.type = "html";
    ctx.body = `<!doctype html><html lang="en"><head><title>Test identity provider</title></head>
<body><main><h1>Test identity provider</h1>
<form method="post" action="/interaction/${escape(details.uid)}">
<label for="email">Email address</label>
<input id="email" name="email" type="email" autocomplete="username" required>
<button type="submit">Continue</button>
</form></main></body></html>`;
    return;
  }
  if (interaction && ctx.method === "POST") {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const email = new URLSearchParams(await readForm(ctx.req)).get("email")?.trim() ?? "";
    const grant = new provider.Grant({ accountId: email, clientId: details.params.client_id });
    grant.addOIDCScope("openid email profile");
    const grantId = await grant.save();
    await provider.interactionFinished(
      ctx.req,
      ctx.res,
      { login: { accountId: email }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  await next();
  if (ctx.oidc?.route === "token" && nextIdToken && ctx.body?.id_token) {
    const claims = decodeJwt(ctx.body.id_token);
    const change = nextIdToken;
    nextIdToken = null;
    if (change.aud) claims.aud = change.aud;
    if (change.email) claims.email = change.email;
    if (change.expired) {
      claims.iat = Math.floor(Date.now() / 1000) - 7200;
      claims.exp = Math.floor(Date.now() / 1000) - 3600;
    }
    ctx.body = {
      ...ctx.body,
      id_token: await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "test-key" }).sign(signingKey),
    };
  }
});

server.on("request", provider.callback());
console.log(JSON.stringify({ issuer }));

// A real OpenID provider for the browser tests: `oidc-provider` (a certified
// implementation) on loopback, with the demo archive's persons as its
// accounts. Its own development login page takes any login name; the
// account's `nationalIdentificationNumber` is that name, as Suomi.fi
// e-Identification gives the personal identity code.
//
// The portal authenticates with `private_key_jwt`, as Suomi.fi requires:
// this script makes the portal's key pair, writes the private key for the
// portal (argument 2) and registers the public key.
//
//   node oidc/provider.mjs ISSUER_URL KEY_FILE PORTAL_URL
import { generateKeyPairSync } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import Provider from "oidc-provider";

const LOA3 = "http://ftn.ficora.fi/2017/loa3";
const [issuer, keyFile, portal] = process.argv.slice(2);
if (!issuer || !keyFile || !portal) {
  console.error("usage: node oidc/provider.mjs ISSUER_URL KEY_FILE PORTAL_URL");
  process.exit(2);
}

const archive = JSON.parse(
  readFileSync(new URL("../../server/demo/archive.json", import.meta.url), "utf8"),
);
const names = new Map(archive.people.map((p) => [p.id, `${p.given_names} ${p.surname}`]));

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
writeFileSync(keyFile, privateKey.export({ type: "pkcs1", format: "pem" }), { mode: 0o600 });
const clientJwk = { ...publicKey.export({ format: "jwk" }), use: "sig", alg: "RS256", kid: "portal" };
const signingKey = {
  ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }),
  use: "sig",
  alg: "RS256",
  kid: "provider",
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "portal",
      token_endpoint_auth_method: "private_key_jwt",
      token_endpoint_auth_signing_alg: "RS256",
      jwks: { keys: [clientJwk] },
      redirect_uris: [`${portal}/auth/oidc/callback`],
      post_logout_redirect_uris: [`${portal}/signed-out`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  jwks: { keys: [signingKey] },
  // The identity code goes into the ID token, as the portal reads it.
  claims: { openid: ["sub"], national: ["nationalIdentificationNumber", "name"] },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  // Suomi.fi's "substantial" level, which the portal requires.
  acrValues: [LOA3],
  ttl: { AuthorizationCode: 60, IdToken: 300, Session: 3600, Interaction: 600, Grant: 3600 },
  async loadExistingGrant(ctx) {
    // Consent is implied (the portal is the county's own service).
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid national");
    await grant.save();
    return grant;
  },
  async findAccount(ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        return { sub, nationalIdentificationNumber: sub, name: names.get(sub) ?? "Tuntematon" };
      },
    };
  },
});
// The development login page records no level of assurance; Suomi.fi's
// identification does, so every sign-in here is at level 3.
const loginAccount = provider.Session.prototype.loginAccount;
provider.Session.prototype.loginAccount = function (details) {
  return loginAccount.call(this, { ...details, acr: details.acr ?? LOA3 });
};
provider.proxy = false;
const { port, hostname } = new URL(issuer);
provider.listen(Number(port), hostname, () => {
  console.log(`OpenID provider at ${issuer}, key for the portal in ${keyFile}`);
});

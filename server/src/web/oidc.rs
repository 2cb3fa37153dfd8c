//! The OpenID provider, as the portal uses it: the
//! authorization code flow with PKCE, `state` and `nonce` (the
//! `openidconnect` crate), the ID token verified (signature by the
//! provider's published keys, issuer, audience, expiry, nonce), and
//! RP-initiated sign-out. The portal authenticates to the token endpoint
//! with a client secret (`client_secret_basic`) or a signed assertion
//! (`private_key_jwt`, as Suomi.fi e-Identification requires).
//!
//! The provider's metadata and keys are read when first needed and again
//! after an hour, so the portal starts while the provider is away and
//! follows its key rotation.

use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdTokenVerifier, CoreJwsSigningAlgorithm,
    CoreRsaPrivateSigningKey,
};
use openidconnect::{
    reqwest, AuthenticationContextClass, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    EndSessionUrl, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, JsonWebKeyId,
    LogoutRequest, Nonce, PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl,
    PrivateSigningKey, ProviderMetadataWithLogout, RedirectUrl, Scope, TokenResponse,
};
use tokio::sync::RwLock;

use crate::config::{ClientAuth, Config, OidcConfig};

type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// How long the provider's metadata and keys are trusted before they are read again.
const METADATA_LIFETIME: Duration = Duration::from_secs(3600);

#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error("provider metadata: {0}")]
    Discovery(String),
    #[error("token request: {0}")]
    Token(String),
    #[error("the token answer has no ID token")]
    NoIdToken,
    #[error("ID token: {0}")]
    IdToken(String),
    #[error("the ID token has no claim {0}")]
    NoIdentity(String),
    #[error("configuration: {0}")]
    Config(String),
}

/// A sign-in sent to the provider: where to send the browser, and what the
/// callback will need.
pub struct Started {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// A finished sign-in: the identity code the provider vouched for.
pub struct Identified {
    pub identity_code: String,
}

struct Discovered {
    client: Client,
    token_url: String,
    end_session: Option<EndSessionUrl>,
}

pub struct Provider {
    config: OidcConfig,
    redirect: RedirectUrl,
    signed_out: PostLogoutRedirectUrl,
    signing_key: Option<CoreRsaPrivateSigningKey>,
    http: reqwest::Client,
    discovered: RwLock<Option<(Instant, Arc<Discovered>)>>,
}

impl Provider {
    /// The provider of `config` (`None` unless `PORTAL_AUTH=oidc`); reads
    /// the private key file if one is configured.
    pub fn from_config(config: &Config) -> Result<Option<Self>, OidcError> {
        let Some(oidc) = &config.oidc else {
            return Ok(None);
        };
        let signing_key = match &oidc.client_auth {
            ClientAuth::Secret(_) => None,
            ClientAuth::PrivateKey { file, key_id } => {
                let pem = std::fs::read_to_string(file).map_err(|e| {
                    OidcError::Config(format!("PORTAL_OIDC_PRIVATE_KEY_FILE {file}: {e}"))
                })?;
                let kid = key_id.clone().map(JsonWebKeyId::new);
                let bad = |e: String| {
                    OidcError::Config(format!("PORTAL_OIDC_PRIVATE_KEY_FILE {file}: {e}"))
                };
                Some(
                    CoreRsaPrivateSigningKey::from_pem(&pkcs1(&pem).map_err(bad)?, kid)
                        .map_err(bad)?,
                )
            }
        };
        let http = reqwest::ClientBuilder::new()
            // Never follow a redirect the provider's answers might name.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| OidcError::Config(e.to_string()))?;
        Ok(Some(Provider {
            config: oidc.clone(),
            redirect: RedirectUrl::new(config.oidc_redirect_url())
                .map_err(|e| OidcError::Config(format!("PORTAL_PUBLIC_URL: {e}")))?,
            signed_out: PostLogoutRedirectUrl::new(config.signed_out_url())
                .map_err(|e| OidcError::Config(format!("PORTAL_PUBLIC_URL: {e}")))?,
            signing_key,
            http,
            discovered: RwLock::new(None),
        }))
    }

    /// The provider's metadata and keys: read again after an hour (or when
    /// `stale`, a token named a key we do not know), by one request at a
    /// time; when reading fails, the copy we have is used.
    async fn discovered(&self, stale: bool) -> Result<Arc<Discovered>, OidcError> {
        let fresh = |held: &Option<(Instant, Arc<Discovered>)>| {
            held.as_ref()
                .filter(|(at, _)| !stale && at.elapsed() < METADATA_LIFETIME)
                .map(|(_, d)| d.clone())
        };
        if let Some(d) = fresh(&*self.discovered.read().await) {
            return Ok(d);
        }
        let mut held = self.discovered.write().await;
        if let Some(d) = fresh(&held) {
            return Ok(d);
        }
        match self.discover().await {
            Ok(d) => {
                *held = Some((Instant::now(), d.clone()));
                Ok(d)
            }
            Err(e) => match held.as_ref() {
                Some((_, old)) => {
                    tracing::warn!(error = %e, "provider metadata not read again; the old copy is used");
                    Ok(old.clone())
                }
                None => Err(e),
            },
        }
    }

    async fn discover(&self) -> Result<Arc<Discovered>, OidcError> {
        let issuer = IssuerUrl::new(self.config.issuer.clone())
            .map_err(|e| OidcError::Discovery(e.to_string()))?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|e| OidcError::Discovery(error_chain(&e)))?;
        let end_session = metadata.additional_metadata().end_session_endpoint.clone();
        let token_url = metadata
            .token_endpoint()
            .map(|u| u.as_str().to_string())
            .unwrap_or_default();
        let secret = match &self.config.client_auth {
            ClientAuth::Secret(s) => Some(ClientSecret::new(s.clone())),
            ClientAuth::PrivateKey { .. } => None,
        };
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.config.client_id.clone()),
            secret,
        )
        .set_redirect_uri(self.redirect.clone());
        Ok(Arc::new(Discovered {
            client,
            token_url,
            end_session,
        }))
    }

    /// Starts a sign-in: the provider's authorization URL with a new
    /// `state`, `nonce` and PKCE challenge.
    pub async fn start(&self) -> Result<Started, OidcError> {
        let d = self.discovered(false).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = d
            .client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge)
            // Identify every time: a provider session left open on a shared
            // computer does not sign the next person in as the last one.
            .add_prompt(openidconnect::core::CoreAuthPrompt::Login);
        for acr in &self.config.acr_values {
            request = request.add_auth_context_value(AuthenticationContextClass::new(acr.clone()));
        }
        for scope in &self.config.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok(Started {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Finishes a sign-in: exchanges the code (with the PKCE verifier),
    /// verifies the ID token against `nonce`, and reads the identity claim.
    pub async fn finish(
        &self,
        code: &str,
        nonce: &str,
        pkce_verifier: &str,
    ) -> Result<Identified, OidcError> {
        let d = self.discovered(false).await?;
        let mut request = d
            .client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| OidcError::Token(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_string()));
        if let Some(key) = &self.signing_key {
            let assertion = self.client_assertion(key, &d.token_url)?;
            request = request
                .add_extra_param(
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                )
                .add_extra_param("client_assertion", assertion);
        }
        let answer = request
            .request_async(&self.http)
            .await
            .map_err(|e| OidcError::Token(error_chain(&e)))?;
        let id_token = answer.id_token().ok_or(OidcError::NoIdToken)?;
        let nonce = Nonce::new(nonce.to_string());
        if let Err(e) = id_token.claims(&timely(d.client.id_token_verifier()), &nonce) {
            // A key we do not know yet (the provider rotated its keys):
            // read them again, once, and check again.
            let unknown_key = matches!(
                e,
                openidconnect::ClaimsVerificationError::SignatureVerification(
                    openidconnect::SignatureVerificationError::NoMatchingKey
                )
            );
            if !unknown_key {
                return Err(OidcError::IdToken(e.to_string()));
            }
            let again = self.discovered(true).await?;
            id_token
                .claims(&timely(again.client.id_token_verifier()), &nonce)
                .map_err(|e| OidcError::IdToken(e.to_string()))?;
        }
        let compact = id_token.to_string();
        let identity_code = claim(&compact, &self.config.identity_claim)
            .ok_or_else(|| OidcError::NoIdentity(self.config.identity_claim.clone()))?;
        // The level of assurance asked for, if any, is the one given.
        if !self.config.acr_values.is_empty() {
            let acr = claim(&compact, "acr").unwrap_or_default();
            if !self.config.acr_values.contains(&acr) {
                return Err(OidcError::IdToken(format!(
                    "acr {acr:?} is not one asked for"
                )));
            }
        }
        Ok(Identified { identity_code })
    }

    /// Where to send the browser to end the provider's session too (`None`
    /// when the provider publishes no end-session endpoint). The request
    /// names our client, not the ID token (which may carry the identity
    /// code, and would stay in the browser's history).
    pub async fn sign_out_url(&self) -> Option<String> {
        let d = match self.discovered(false).await {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!(error = %e, "no provider sign-out");
                return None;
            }
        };
        let request = LogoutRequest::from(d.end_session.clone()?)
            .set_client_id(ClientId::new(self.config.client_id.clone()))
            .set_post_logout_redirect_uri(self.signed_out.clone());
        Some(request.http_get_url().to_string())
    }

    /// `private_key_jwt` (RFC 7523): a short-lived assertion signed with
    /// the portal's key, for the token endpoint only.
    fn client_assertion(
        &self,
        key: &CoreRsaPrivateSigningKey,
        audience: &str,
    ) -> Result<String, OidcError> {
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let now = chrono::Utc::now().timestamp();
        let header = match &self.config.client_auth {
            ClientAuth::PrivateKey {
                key_id: Some(kid), ..
            } => serde_json::json!({"alg": "RS256", "typ": "JWT", "kid": kid}),
            _ => serde_json::json!({"alg": "RS256", "typ": "JWT"}),
        };
        let claims = serde_json::json!({
            "iss": self.config.client_id,
            "sub": self.config.client_id,
            "aud": audience,
            "jti": crate::store::new_token(),
            "iat": now,
            "exp": now + 60,
        });
        let signing_input = format!(
            "{}.{}",
            b64.encode(header.to_string()),
            b64.encode(claims.to_string())
        );
        let signature = key
            .sign(
                &CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
                signing_input.as_bytes(),
            )
            .map_err(|e| OidcError::Config(format!("signing the client assertion: {e}")))?;
        Ok(format!("{signing_input}.{}", b64.encode(signature)))
    }
}

/// An RSA key in PKCS #1 PEM (`BEGIN RSA PRIVATE KEY`), as `openidconnect`
/// reads it, from PKCS #1 or PKCS #8 (`BEGIN PRIVATE KEY`, what `openssl
/// genpkey` writes).
fn pkcs1(pem: &str) -> Result<String, String> {
    use rsa::pkcs1::EncodeRsaPrivateKey;
    use rsa::pkcs8::DecodePrivateKey;
    if !pem.contains("BEGIN PRIVATE KEY") {
        return Ok(pem.to_string());
    }
    let key = rsa::RsaPrivateKey::from_pkcs8_pem(pem).map_err(|e| e.to_string())?;
    Ok(key
        .to_pkcs1_pem(rsa::pkcs1::LineEnding::LF)
        .map_err(|e| e.to_string())?
        .to_string())
}

/// A string claim of a compact JWT whose signature has been verified.
fn claim(compact: &str, name: &str) -> Option<String> {
    let payload = compact.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .ok()?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    value.get(name)?.as_str().map(str::to_string)
}

/// An error and its causes, on one line (for the log, never for the user).
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// How far a provider's clock may be ahead of ours.
const CLOCK_SKEW_SECONDS: i64 = 60;
/// How old an ID token may be when the portal reads it: it was issued by
/// the token endpoint a moment ago, in answer to this sign-in.
const ID_TOKEN_MAX_AGE_SECONDS: i64 = 300;

/// The crate checks expiry; this adds the issue time (`iat`: neither ahead
/// of our clock nor older than a few minutes — a year-old or a next-year
/// token was accepted) and the time of identification (`auth_time`, if
/// given: not ahead of our clock; the portal asks for a fresh one with
/// `prompt=login` and sets no `max_age`).
fn timely(verifier: CoreIdTokenVerifier<'_>) -> CoreIdTokenVerifier<'_> {
    let ahead = |t: chrono::DateTime<chrono::Utc>| {
        t > chrono::Utc::now() + chrono::Duration::seconds(CLOCK_SKEW_SECONDS)
    };
    verifier
        .set_issue_time_verifier_fn(move |iat| {
            let now = chrono::Utc::now();
            if ahead(iat) {
                Err(format!("issued in the future ({iat})"))
            } else if iat < now - chrono::Duration::seconds(ID_TOKEN_MAX_AGE_SECONDS) {
                Err(format!("issued too long ago ({iat})"))
            } else {
                Ok(())
            }
        })
        .set_auth_time_verifier_fn(move |auth_time| match auth_time {
            Some(t) if ahead(t) => Err(format!("identified in the future ({t})")),
            _ => Ok(()),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_is_read_from_the_payload() {
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let payload = b64.encode(r#"{"sub":"x","nationalIdentificationNumber":"010101-123N"}"#);
        let jwt = format!("e30.{payload}.c2ln");
        assert_eq!(
            claim(&jwt, "nationalIdentificationNumber").as_deref(),
            Some("010101-123N")
        );
        assert_eq!(claim(&jwt, "missing"), None);
        assert_eq!(claim("not a jwt", "sub"), None);
    }
}

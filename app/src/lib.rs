//! The portal's user interface: routes, pages and server-function
//! declarations. The server crate provides the [`backend::Backend`].

// The hydrate build's view types nest deeply (a clean build overflowed 128).
#![recursion_limit = "512"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod error;
pub mod i18n;
pub mod model;
#[cfg(feature = "ssr")]
mod scripts;
pub mod tasks;

mod components;
mod pages;

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use pages::{
    AccessibilityPage, ContactPage, DisclosuresPage, DocumentPage, FrontPage, GoalsPage, LoginPage,
    NotFound, PageFrame, PrivacyPage, SignedOutPage, TaskView, UseLogPage,
};

/// The HTML document around the app (server side only).
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use leptos_meta::{HashedStylesheet, MetaTags};
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="referrer" content="no-referrer" />
                <meta name="description" content="Sosiaalihuollon asiakirjasi · Dina socialvårdshandlingar · Your social-welfare documents" />
                <HashedStylesheet options=options.clone() id="leptos" />
                <AutoReload options=options.clone() />
                <scripts::HydrateAfterPaint options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "ssr")]
    content_security_policy();
    // Effects run only in the browser: this marks a page whose hydration
    // finished, for browser tests and for the curious.
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Router>
            <PageFrame>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("") view=FrontPage ssr=SsrMode::Async />
                    <Route path=path!("tasks/:code") view=TaskView ssr=SsrMode::Async />
                    <Route path=path!("documents/:id") view=DocumentPage ssr=SsrMode::Async />
                    <Route path=path!("disclosures") view=DisclosuresPage ssr=SsrMode::Async />
                    <Route path=path!("goals") view=GoalsPage ssr=SsrMode::Async />
                    <Route path=path!("use-of-information") view=UseLogPage ssr=SsrMode::Async />
                    <Route path=path!("accessibility") view=AccessibilityPage ssr=SsrMode::Async />
                    <Route path=path!("contact") view=ContactPage ssr=SsrMode::Async />
                    <Route path=path!("privacy") view=PrivacyPage ssr=SsrMode::Async />
                    <Route path=path!("signed-out") view=SignedOutPage ssr=SsrMode::Async />
                </Routes>
            </PageFrame>
        </Router>
    }
}

/// Origins besides our own that a form may lead to (its redirects included):
/// the OpenID provider's, for sign-in and sign-out. The server provides it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormActions(pub Vec<String>);

/// The Content-Security-Policy of a rendered page: no script runs but ours,
/// marked with this response's nonce (Leptos gives its hydration and data
/// scripts the nonce it provides for each request).
#[cfg(feature = "ssr")]
fn content_security_policy() {
    use http::{header, HeaderValue};
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let targets: String = use_context::<FormActions>()
        .map(|f| f.0.iter().map(|o| format!(" {o}")).collect())
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         object-src 'none'; base-uri 'none'; form-action 'self'{targets}; frame-ancestors 'none'; \
         img-src 'self'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}

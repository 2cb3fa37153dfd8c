//! The frame of every signed-in page: who is signed in, whose records are on
//! screen, and the way out.

use leptos::prelude::*;
use leptos_meta::Html;

use crate::components::{Failure, Loading};
use crate::error::AppError;
use crate::model::{Page, ViewerInfo};

/// Renders a signed-in page: one resource (viewer and data together) and
/// one suspense boundary, then the header and the page's content.
pub fn signed_in<T, V>(
    resource: Resource<Result<Page<T>, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=Loading>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(page) => {
                            provide_context(page.viewer.lang);
                            view! {
                                <Header viewer=page.viewer />
                                <main id="main">{render(page.data)}</main>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <main id="main"><Failure error=e /></main> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Header(viewer: ViewerInfo) -> impl IntoView {
    let t = viewer.lang.t();
    let acting = viewer.acting_for.clone();
    let token = viewer.form_token.clone();
    let csrf = move || view! { <input type="hidden" name="csrf" value=token.clone() /> };
    let (csrf2, csrf3) = (csrf.clone(), csrf.clone());
    view! {
        <Html attr:lang=viewer.lang.code() />
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        {viewer.test_identification.then(|| view! {
            <p class="test-banner" role="note" data-testid="test-banner">{t.test_banner}</p>
        })}
        <header class="site-header">
            <a class="brand" href="/">{t.portal}</a>
            <span class="viewer" data-testid="viewer-name">{viewer.name.clone()}</span>
            {acting.is_none().then(|| view! {
                <a class="use-log-link" href="/use-of-information">{t.use_log}</a>
            })}
            <form method="post" action="/auth/logout" class="inline">
                {csrf()}
                <button type="submit">{t.sign_out}</button>
            </form>
        </header>
        {(!viewer.children.is_empty() || acting.is_some()).then(|| view! {
            <nav class="acting" aria-label=t.acting_for>
                <form method="post" action="/auth/subject" class="inline">
                    {csrf2()}
                    <label for="subject">{t.acting_for}</label>
                    <select id="subject" name="child">
                        <option value="" selected=acting.is_none()>{t.own_records}</option>
                        {viewer.children.iter().map(|c| {
                            let selected = acting.as_ref().is_some_and(|a| a.key == c.key);
                            view! { <option value=c.key.clone() selected=selected>{c.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <button type="submit">"OK"</button>
                </form>
            </nav>
        })}
        {acting.map(|child| view! {
            <div class="acting-banner" role="status" data-testid="acting-banner">
                <strong>{t.acting_for} ": " {child.name}</strong>
                <form method="post" action="/auth/subject" class="inline">
                    {csrf3()}
                    <input type="hidden" name="child" value="" />
                    <button type="submit">{t.back_to_own}</button>
                </form>
            </div>
        })}
    }
}

//! The frame of every signed-in page: who is signed in, whose records are on
//! screen, and the way out.

use leptos::prelude::*;
use leptos_meta::Html;
use leptos_router::components::Outlet;

use crate::api::get_viewer;
use crate::components::{Failure, Loading};
use crate::model::ViewerInfo;

#[component]
pub fn Layout() -> impl IntoView {
    let viewer = Resource::new(|| (), |_| get_viewer());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(v) => {
                        provide_context(v.lang);
                        view! { <Header viewer=v /> <main id="main"><Outlet /></main> }.into_any()
                    }
                    Err(e) => view! { <main id="main"><Failure error=e /></main> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Header(viewer: ViewerInfo) -> impl IntoView {
    let t = viewer.lang.t();
    let acting = viewer.acting_for.clone();
    view! {
        <Html attr:lang=viewer.lang.code() />
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <header class="site-header">
            <a class="brand" href="/">{t.portal}</a>
            <span class="viewer" data-testid="viewer-name">{viewer.name.clone()}</span>
            <form method="post" action="/auth/logout" class="inline">
                <button type="submit">{t.sign_out}</button>
            </form>
        </header>
        {(!viewer.children.is_empty() || acting.is_some()).then(|| view! {
            <nav class="acting" aria-label=t.acting_for>
                <form method="post" action="/auth/subject" class="inline">
                    <label for="subject">{t.acting_for}</label>
                    <select id="subject" name="child">
                        <option value="" selected=acting.is_none()>{t.own_records}</option>
                        {viewer.children.iter().map(|c| {
                            let selected = acting.as_deref() == Some(c.name.as_str());
                            view! { <option value=c.key.clone() selected=selected>{c.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <button type="submit">"OK"</button>
                </form>
            </nav>
        })}
        {acting.map(|name| view! {
            <div class="acting-banner" role="status" data-testid="acting-banner">
                <strong>{t.acting_for} ": " {name}</strong>
                <form method="post" action="/auth/subject" class="inline">
                    <input type="hidden" name="child" value="" />
                    <button type="submit">{t.back_to_own}</button>
                </form>
            </div>
        })}
    }
}

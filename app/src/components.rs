//! Small pieces shared by the pages.

use leptos::prelude::*;

use http::StatusCode;

use crate::error::{set_status, AppError};
use crate::i18n::{self, Lang};
use crate::model::{document_href, DocSummary, Frame};

/// The viewer's language, provided by the layout.
pub fn lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The page frame (who is signed in, for whom), provided by the layout.
pub fn frame() -> Frame {
    use_context::<Frame>().unwrap_or_default()
}

/// The name of the person whose records are on screen when it is not the
/// viewer (acting for a child), for pages that speak of them.
pub fn acting_for() -> Option<String> {
    frame().viewer.and_then(|v| v.acting_for).map(|c| c.name)
}

/// The page's `<title>`, with the site's name. During server rendering `leptos_meta` writes the
/// text into `<head>` as it is, so a document title such as
/// `</title><script>…` would become markup: the server escapes it here. In
/// the browser the text goes to `document.title`, which takes plain text.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    let text = lang().page_title(&text);
    #[cfg(feature = "ssr")]
    let text = html_escape::encode_text(&text).into_owned();
    view! { <leptos_meta::Title text=text /> }
}

/// What a page shows when its data could not be had, under a `<title>` of
/// its own (WCAG 2.4.2: the tab says what happened).
#[component]
pub fn Failure(error: AppError) -> impl IntoView {
    let t = lang().t();
    match error {
        AppError::NotFound | AppError::BadRequest => {
            set_status(error.status());
            view! {
                <PageTitle text=t.not_found_title />
                <section class="notice-page">
                    <h1>{t.not_found_title}</h1>
                    <p>{t.not_found_text}</p>
                    <p><a href="/">{t.back_to_front}</a></p>
                </section>
            }
            .into_any()
        }
        AppError::Unauthenticated => {
            // A page load without a session goes to the identification page.
            set_status(StatusCode::SEE_OTHER);
            view! { <leptos_router::components::Redirect path="/login" /> }.into_any()
        }
        AppError::SessionEnded => {
            set_status(StatusCode::SEE_OTHER);
            view! { <leptos_router::components::Redirect path=crate::model::SESSION_ENDED_LOGIN /> }
                .into_any()
        }
        AppError::Unavailable => {
            set_status(error.status());
            view! {
                <PageTitle text=t.unavailable_title />
                <section class="notice-page" role="alert">
                    <h1>{t.unavailable_title}</h1>
                    <p>{t.unavailable_text}</p>
                </section>
            }
            .into_any()
        }
        _ => {
            set_status(error.status());
            view! {
                <PageTitle text=t.error_title />
                <section class="notice-page" role="alert">
                    <h1>{t.error_title}</h1>
                    <p>{t.error_text}</p>
                </section>
            }
            .into_any()
        }
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" aria-live="polite">{lang().t().loading}</p> }
}

/// The information text of R-INFO-1, under a heading, always in full:
/// MittKanta "visar … följande informationstext" (L7660), it does not offer
/// it behind a click. Acting for a child, it speaks of the child.
#[component]
pub fn InfoText() -> impl IntoView {
    let l = lang();
    let t = l.t();
    let text = match acting_for() {
        Some(name) => l.about("info_text_for", &name),
        None => t.info_text.to_string(),
    };
    view! {
        <section class="info-text" data-testid="info-text" aria-labelledby="info-heading">
            <h2 id="info-heading">{t.info_heading}</h2>
            <p>{text}</p>
        </section>
    }
}

/// R-INFO-5: the standing note that pre-Kanta and phase-1 documents are not
/// shown (every reader gets it; it is not the information text of R-INFO-1).
#[component]
pub fn StandingNote() -> impl IntoView {
    view! {
        <p class="standing-note" data-testid="standing-note">
            {lang().t().standing_note}
        </p>
    }
}

/// The notices a document carries (R-TASK-6, R-TASK-7, R-DELAY-4).
#[component]
pub fn DocNotices(doc: DocSummary) -> impl IntoView {
    let t = lang().t();
    view! {
        {doc.shared.then(|| view! { <p class="notice shared">{t.shared_notice}</p> })}
        {doc.withheld_from_guardians.then(|| view! { <p class="notice-box withheld" role="note">{t.withheld_notice}</p> })}
        {doc.delay_ended.then(|| view! { <p class="notice delay-ended">{t.delay_ended_notice}</p> })}
    }
}

/// A document's name as a link, with the "New" label (R-FRONT-2/3,
/// R-TASK-8). `from`: the task view (with its search) the link is on, for
/// the document page's breadcrumbs.
#[component]
pub fn DocLink(doc: DocSummary, #[prop(optional)] from: Option<String>) -> impl IntoView {
    let t = lang().t();
    let href = match from {
        Some(from) => format!(
            "{}?from={}",
            document_href(&doc.id),
            crate::model::encode_segment(&from)
        ),
        None => document_href(&doc.id),
    };
    view! {
        <a href=href class="doc-link">{doc.title.clone()}</a>
        {doc.is_new.then(|| view! { " " <span class="new-label">{t.new_label}</span> })}
    }
}

/// What "New" means, on pages that show the label.
#[component]
pub fn NewLegend(show: bool) -> impl IntoView {
    show.then(|| {
        let t = lang().t();
        view! { <p class="legend" data-testid="new-legend"><span class="new-label">{t.new_label}</span> " " {t.new_legend}</p> }
    })
}

/// Breadcrumbs: the trail from the front page to this one (the last item
/// is this page, not a link).
#[component]
pub fn Breadcrumbs(trail: Vec<(String, Option<String>)>) -> impl IntoView {
    let t = lang().t();
    let last = trail.len().saturating_sub(1);
    view! {
        <nav class="breadcrumbs" aria-label=t.breadcrumbs>
            <ol>
                <li><a href="/">{t.front_page}</a></li>
                {trail.into_iter().enumerate().map(|(i, (text, href))| match href {
                    Some(href) if i != last => view! { <li><a href=href>{text}</a></li> }.into_any(),
                    _ => view! { <li><span aria-current="page">{text}</span></li> }.into_any(),
                }).collect_view()}
            </ol>
        </nav>
    }
}

pub fn date(d: chrono::NaiveDate) -> String {
    i18n::date(d)
}

/// A social service's name in the viewer's language.
pub fn service_name(code: &str) -> String {
    i18n::social_service(code, lang())
}

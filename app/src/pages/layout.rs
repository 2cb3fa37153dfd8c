//! The frame of every page: the language choice, who is signed in, whose
//! records are on screen, the way out, and the footer. It lives outside the
//! routes, so moving between pages keeps it; only the content in `<main>`
//! waits for its data (in a `Transition`). After such a move focus goes to
//! the new page's heading and the new title is announced.

use leptos::prelude::*;
use leptos_meta::Html;
use leptos_router::hooks::use_location;

use crate::api::get_frame;
use crate::components::{Failure, Loading};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::{Frame, Page, ViewerInfo};

/// How many client-side moves to another page (path) there have been (0 on
/// the page the server rendered: its focus is the browser's to set).
#[derive(Clone, Copy)]
struct Moves(RwSignal<u32>);

/// The frame's data: the header and every page's content wait for it. The
/// server fetches it once per page load; the browser again after each move
/// to another page, so that a session ended meanwhile (signed out in another
/// tab, expired) no longer shows the name, and the header follows.
#[derive(Clone, Copy)]
pub struct FrameResource(Resource<Result<Frame, AppError>>);

impl FrameResource {
    pub async fn get(self) -> Frame {
        self.0.await.unwrap_or_default()
    }

    /// Waits for the frame, then gives the content below its language and data.
    pub async fn provide(self) {
        let f = self.get().await;
        provide_context(f.lang);
        provide_context(f);
    }
}

pub fn frame_resource() -> FrameResource {
    use_context::<FrameResource>()
        .unwrap_or_else(|| FrameResource(Resource::new(|| (), |_| get_frame())))
}

/// The frame around `children` (the routes, rendered outside any suspense
/// so that the server sees every route).
#[component]
pub fn PageFrame(children: Children) -> impl IntoView {
    let location = use_location();
    let frame = FrameResource(Resource::new(
        move || location.pathname.get(),
        |_| get_frame(),
    ));
    provide_context(frame);
    let moves = Moves(RwSignal::new(0));
    provide_context(moves);
    Effect::new(move |previous: Option<String>| {
        // A new page, not a new search on the same one (a filter keeps focus).
        let now = location.pathname.get();
        if previous.as_ref().is_some_and(|p| *p != now) {
            moves.0.update(|n| *n += 1);
        }
        now
    });
    view! {
        // A Transition: while the next page's frame loads, the last one stays.
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let frame = frame.get().await;
                view! {
                    <Html attr:lang=frame.lang.code() />
                    <SkipLink lang=frame.lang />
                    <Header frame=frame.clone() />
                }
            })}
        </Transition>
        <main id="main" tabindex="-1">{children()}</main>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move { view! { <Footer lang=frame.get().await.lang /> } })}
        </Transition>
        <p id="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></p>
    }
}

/// A page's content once the frame (the language) is known and `content`
/// has resolved, in a `Transition`: the one shape of every page.
pub fn in_frame<F, Fut, V>(content: F) -> impl IntoView
where
    F: Fn() -> Fut + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = V> + Send + 'static,
    V: IntoView + 'static,
{
    let frame = frame_resource();
    view! {
        <Transition fallback=Loading>
            {move || {
                let content = content.clone();
                Suspend::new(async move {
                    frame.provide().await;
                    view! { {content().await} <Arrived /> }
                })
            }}
        </Transition>
    }
}

/// A page without data of its own (the footer's pages, 404).
pub fn framed<V>(render: impl Fn() -> V + Clone + Send + Sync + 'static) -> impl IntoView
where
    V: IntoView + 'static,
{
    in_frame(move || {
        let render = render.clone();
        async move { render() }
    })
}

/// Renders a page's content from its resource (viewer and data together),
/// in the frame's language.
pub fn signed_in<T, V>(
    resource: Resource<Result<Page<T>, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    in_frame(move || {
        let render = render.clone();
        async move {
            match resource.await {
                Ok(page) => render(page.data).into_any(),
                Err(e) => view! { <Failure error=e /> }.into_any(),
            }
        }
    })
}

/// Marks that a page's content is on screen: after a client-side move,
/// focus goes to its heading and its title is announced.
#[component]
pub fn Arrived() -> impl IntoView {
    let moves = use_context::<Moves>();
    Effect::new(move |_| {
        if moves.is_some_and(|m| m.0.get_untracked() > 0) {
            // After the new content is in the document.
            request_animation_frame(focus_heading);
        }
    });
}

fn focus_heading() {
    use leptos::wasm_bindgen::JsCast;
    let doc = document();
    if let Ok(Some(h1)) = doc.query_selector("main h1") {
        let _ = h1.set_attribute("tabindex", "-1");
        if let Ok(h1) = h1.dyn_into::<leptos::web_sys::HtmlElement>() {
            let _ = h1.focus();
        }
    }
    if let Some(announcer) = doc.get_element_by_id("announcer") {
        announcer.set_text_content(Some(&doc.title()));
    }
}

/// "Skip to content": also after hydration, when the router would take the
/// click on `#main` for itself, it moves focus into the content.
#[component]
fn SkipLink(lang: Lang) -> impl IntoView {
    let skip = move |ev: leptos::ev::MouseEvent| {
        use leptos::wasm_bindgen::JsCast;
        if let Some(main) = document().get_element_by_id("main") {
            ev.prevent_default();
            if let Ok(main) = main.dyn_into::<leptos::web_sys::HtmlElement>() {
                let _ = main.focus();
            }
        }
    };
    view! { <a class="skip-link" href="#main" on:click=skip>{lang.t().skip_to_content}</a> }
}

#[component]
fn Header(frame: Frame) -> impl IntoView {
    let lang = frame.lang;
    let t = lang.t();
    let token = frame.form_token.clone();
    let viewer = frame.viewer.clone();
    view! {
        <header class="site-header">
            {frame.test_identification.then(|| view! {
                <p class="test-banner" role="note" data-testid="test-banner">{t.test_banner}</p>
            })}
            <div class="bar">
                <a class="brand" href="/">{t.portal}</a>
                <LanguageChoice lang token=token.clone() />
                {match viewer.clone() {
                    Some(v) => view! { <SignedIn viewer=v token=token.clone() /> }.into_any(),
                    None => view! { <a class="sign-in-link" href="/login">{t.sign_in}</a> }.into_any(),
                }}
            </div>
            {viewer.clone().map(|v| view! { <WhoseRecords viewer=v token=token.clone() /> })}
        </header>
        {viewer.and_then(|v| v.acting_for.map(|child| view! {
            <div class="acting-banner" role="status" data-testid="acting-banner">
                <p><strong>{lang.about("viewing_for", &child.name)}</strong></p>
                <form method="post" action="/auth/subject" class="inline">
                    <input type="hidden" name="csrf" value=token.clone() />
                    <input type="hidden" name="child" value="" />
                    <button type="submit">{t.back_to_own}</button>
                </form>
            </div>
        }))}
    }
}

/// The signed-in person, their use log, and signing out.
#[component]
fn SignedIn(viewer: ViewerInfo, token: String) -> impl IntoView {
    let t = viewer.lang.t();
    view! {
        <p class="viewer">
            <span class="visually-hidden">{t.signed_in_as} ": "</span>
            <span data-testid="viewer-name">{viewer.name.clone()}</span>
        </p>
        {viewer.acting_for.is_none().then(|| view! {
            <a class="use-log-link" href="/use-of-information">{t.use_log}</a>
        })}
        <form method="post" action="/auth/logout" class="inline">
            <input type="hidden" name="csrf" value=token />
            <button type="submit">{t.sign_out}</button>
        </form>
    }
}

/// "Whose records are you viewing?": one form, shown to those who may act
/// for someone.
#[component]
fn WhoseRecords(viewer: ViewerInfo, token: String) -> impl IntoView {
    let t = viewer.lang.t();
    let acting = viewer.acting_for.clone();
    (!viewer.children.is_empty() || acting.is_some()).then(|| {
        view! {
            <form method="post" action="/auth/subject" class="whose" data-testid="whose-records">
                <input type="hidden" name="csrf" value=token />
                <label for="subject">{t.whose_records}</label>
                <select id="subject" name="child">
                    <option value="" selected=acting.is_none()>{t.own_records} " (" {viewer.name.clone()} ")"</option>
                    {viewer.children.iter().map(|c| {
                        let selected = acting.as_ref().is_some_and(|a| a.key == c.key);
                        view! { <option value=c.key.clone() selected=selected>{c.name.clone()}</option> }
                    }).collect_view()}
                </select>
                <button type="submit">{t.show_records}</button>
            </form>
        }
    })
}

/// The language choice: a form of three buttons, each in its own language.
#[component]
fn LanguageChoice(lang: Lang, token: String) -> impl IntoView {
    let location = use_location();
    let back = move || {
        let search = location.search.get();
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{}", location.pathname.get(), search)
        }
    };
    view! {
        <form method="post" action="/auth/language" class="lang-choice" data-testid="language-choice">
            <input type="hidden" name="csrf" value=token />
            <input type="hidden" name="back" value=back />
            <fieldset>
                <legend class="visually-hidden">{lang.t().language}</legend>
                {Lang::ALL.into_iter().map(|l| view! {
                    <button type="submit" name="lang" value=l.code() lang=l.code()
                        aria-pressed=if l == lang { "true" } else { "false" }>
                        {l.own_name()}
                    </button>
                }).collect_view()}
            </fieldset>
        </form>
    }
}

#[component]
fn Footer(lang: Lang) -> impl IntoView {
    let t = lang.t();
    view! {
        <footer class="site-footer">
            <nav aria-label=t.footer_label>
                <ul>
                    <li><a href="/accessibility">{t.accessibility}</a></li>
                    <li><a href="/contact">{t.contact}</a></li>
                    <li><a href="/privacy">{t.privacy}</a></li>
                </ul>
            </nav>
        </footer>
    }
}

//! The sign-in page: "Sign in" through the OpenID provider (auth = "oidc"),
//! or the test identification (auth = "test"): pick a test person, no
//! password, as on the Suomi.fi test identification service. The list is
//! searched and paged on the server: a store may hold 100 000 persons.
//! Every form carries the form token.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::get_sign_in;
use crate::components::{date, lang, Failure, PageTitle};
use crate::model::{SignInPage, TestPersonsPage};

fn page_href(query: &str, page: u32) -> String {
    let q: String = url_escape(query);
    format!("/login?q={q}&page={page}")
}

/// Percent-encodes a query value (letters, digits and `-._~` stay).
fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let params = use_query_map();
    let persons = Resource::new(
        move || {
            params.with(|p| {
                (
                    p.get("q").unwrap_or_default(),
                    p.get("page").and_then(|n| n.parse().ok()).unwrap_or(1u32),
                )
            })
        },
        |(query, page)| get_sign_in(query, page),
    );
    super::layout::in_frame(move || async move {
        let t = lang().t();
        match persons.await {
            Ok(page) => view! {
                <PageTitle text=t.sign_in_title />
                <div class="login"><SignIn page /></div>
            }
            .into_any(),
            Err(e) => view! { <Failure error=e /> }.into_any(),
        }
    })
}

#[component]
fn SignIn(page: SignInPage) -> impl IntoView {
    let SignInPage {
        form_token,
        oidc,
        test,
        session_idle_minutes,
        session_hours,
    } = page;
    let none = !oidc && test.is_none();
    let l = lang();
    let t = l.t();
    // Sent here because the session ended: say so, and why it may have.
    let ended = use_query_map().with_untracked(|q| q.get("ended").is_some());
    view! {
        {ended.then(|| view! {
            <p class="notice-box" role="status" data-testid="session-ended">
                {l.session_ended(session_idle_minutes, session_hours)}
            </p>
        })}
        <h1>{t.sign_in_title}</h1>
        {oidc.then(|| view! {
            <p>{t.oidc_intro}</p>
            <form method="post" action="/auth/oidc/start">
                <input type="hidden" name="csrf" value=form_token.clone() />
                <button type="submit" data-testid="oidc-sign-in">{t.identify}</button>
            </form>
        })}
        {none.then(|| view! { <p role="note">{t.signin_unavailable}</p> })}
        {test.map(|list| view! {
            <h2>{t.test_heading}</h2>
            <p>{t.choose_test_person}</p>
            <PersonList list form_token=form_token.clone() />
        })}
    }
}

/// The tester's notes of a person, in the page's language.
fn notes(list: &[crate::model::TesterNote]) -> String {
    use crate::model::TesterNote;
    let l = lang();
    let t = l.t();
    list.iter()
        .map(|n| match n {
            TesterNote::Adult => t.tester_adult.to_string(),
            TesterNote::Minor => t.tester_minor.to_string(),
            TesterNote::GuardianOf(k) => l.guardian_of(*k),
            TesterNote::ProtectionOrder => t.tester_protection_order.to_string(),
            TesterNote::Trustee => t.tester_trustee.to_string(),
            TesterNote::DeclaredIncompetent => t.tester_incompetent.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn PersonList(list: TestPersonsPage, form_token: String) -> impl IntoView {
    let TestPersonsPage {
        persons,
        query,
        page,
        pages,
        total,
    } = list;
    let t = lang().t();
    view! {
        <form method="get" action="/login" class="search" role="search">
            <label for="q">{t.search_persons}</label>
            " "
            <input id="q" name="q" type="search" value=query.clone() />
            " "
            <button type="submit">{t.search}</button>
        </form>
        <p data-testid="test-person-count">{total} " · " {page} " / " {pages}</p>
        <ul class="test-persons">
            {persons.into_iter().map(|p| view! {
                <li>
                    <form method="post" action="/auth/test-login">
                        <input type="hidden" name="csrf" value=form_token.clone() />
                        <input type="hidden" name="person" value=p.id.clone() />
                        <button type="submit" data-person=p.id.clone()>{p.name.clone()}</button>
                        <span class="meta">" " {date(p.birth_date)} " · " {notes(&p.notes)}</span>
                    </form>
                </li>
            }).collect_view()}
        </ul>
        {(pages > 1).then(|| view! {
            <nav class="pages" aria-label=t.pages>
                {(page > 1).then(|| view! { <a rel="prev" href=page_href(&query, page - 1)>{t.previous}</a> })}
                " "
                {(page < pages).then(|| view! { <a rel="next" href=page_href(&query, page + 1)>{t.next}</a> })}
            </nav>
        })}
    }
}

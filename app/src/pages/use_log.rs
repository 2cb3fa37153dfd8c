//! "Use of my information in this service": who opened
//! the viewer's own records here, and when, newest first, paged. Only for
//! one's own records: a guardian does not see when the minor (or the other
//! guardian) read them.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::layout::signed_in;
use crate::api::get_use_log;
use crate::components::{lang, Breadcrumbs, PageTitle};
use crate::i18n::Texts;
use crate::model::{Relation, UseLogEntry, UseLogPage as Data};

#[component]
pub fn UseLogPage() -> impl IntoView {
    let params = use_query_map();
    let data = Resource::new(
        move || params.with(|p| p.get("page").and_then(|n| n.parse().ok()).unwrap_or(1u32)),
        get_use_log,
    );
    signed_in(data, |d| view! { <UseLog data=d /> })
}

fn what(t: &Texts, action: &str) -> &'static str {
    match action {
        "front_page" => t.action_front_page,
        "task_page" => t.action_task_page,
        "document" => t.action_document,
        "document_body" => t.action_document_body,
        "attachment" => t.action_attachment,
        "disclosures" => t.action_disclosures,
        "goals" => t.action_goals,
        _ => t.action_use_log,
    }
}

fn who(t: &Texts, e: &UseLogEntry) -> String {
    match e.relation {
        Relation::Own => t.relation_own.to_string(),
        Relation::Guardian => format!("{} ({})", e.who, t.relation_guardian),
        Relation::InformationRight => format!("{} ({})", e.who, t.relation_info_right),
        Relation::Unknown => format!("{} ({})", e.who, t.relation_unknown),
    }
}

#[component]
fn UseLog(data: Data) -> impl IntoView {
    let t = lang().t();
    let Data {
        entries,
        page,
        pages,
        total,
    } = data;
    view! {
        <PageTitle text=t.use_log />
        <Breadcrumbs trail=vec![(t.use_log.to_string(), None)] />
        <h1>{t.use_log}</h1>
        <p>{t.use_log_intro}</p>
        {if entries.is_empty() {
            view! { <p data-testid="use-log-empty">{t.use_log_empty}</p> }.into_any()
        } else {
            view! {
                <table class="use-log" data-testid="use-log" data-total=total>
                    <caption class="visually-hidden">{t.use_log}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.use_log_when}</th>
                            <th scope="col">{t.use_log_who}</th>
                            <th scope="col">{t.use_log_what}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {entries.into_iter().map(|e| view! {
                            <tr data-relation=format!("{:?}", e.relation)>
                                <th scope="row">
                                    <time datetime=e.at.format("%Y-%m-%dT%H:%M:%S").to_string()>
                                        {e.at.format("%-d.%-m.%Y %H.%M").to_string()}
                                    </time>
                                </th>
                                <td>{who(t, &e)}</td>
                                <td>{what(t, &e.action)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        {(pages > 1).then(|| view! {
            <nav class="pages" aria-label=t.use_log>
                {(page > 1).then(|| view! { <a rel="prev" href=format!("/use-of-information?page={}", page - 1)>{t.previous}</a> })}
                " "
                {(page < pages).then(|| view! { <a rel="next" href=format!("/use-of-information?page={}", page + 1)>{t.next}</a> })}
            </nav>
        })}
    }
}

//! The front page: R-FRONT-1..7, R-INFO-1..5, and the way to R-DISC-1.

use leptos::prelude::*;

use super::layout::signed_in;
use crate::api::get_front_page;
use crate::components::{
    acting_for, date, lang, DocLink, InfoText, NewLegend, PageTitle, StandingNote,
};
use crate::model::{FrontPage as Data, Relationship};
use crate::tasks;

#[component]
pub fn FrontPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_front_page());
    signed_in(data, |d| view! { <Front data=d /> })
}

#[component]
fn Front(data: Data) -> impl IntoView {
    let l = lang();
    let t = l.t();
    // Acting for a child, the page speaks of the child.
    let title = match acting_for() {
        Some(name) => l.about("front_title_for", &name),
        None => t.front_title.to_string(),
    };
    let any_new = data
        .groups
        .iter()
        .any(|g| g.newest.iter().any(|d| d.is_new));
    view! {
        <PageTitle text=title.clone() />
        <h1>{title}</h1>
        {data.info_text.then(|| view! { <InfoText /> })}
        <StandingNote />
        <p class="disclosures-link"><a href="/disclosures">{t.disclosures}</a></p>
        {data.has_goals.then(|| view! {
            <p class="goals-link"><a href="/goals" data-testid="goals-link">{t.goals_link}</a></p>
        })}
        {data.relationships.into_iter().map(|r| view! { <RelationshipCard r=r /> }).collect_view()}
        {data.groups.is_empty().then(|| view! { <NoDocuments /> })}
        <NewLegend show=any_new />
        {data.groups.into_iter().map(|g| {
            let heading = format!("task-{}", g.task.replace(':', "-"));
            let labelled_by = heading.clone();
            let href = format!("/tasks/{}", crate::model::encode_segment(&g.task));
            let name = tasks::name(&g.task, l);
            view! {
                <section class="task-group" aria-labelledby=labelled_by data-task=g.task.clone()>
                    <h2 id=heading>{name.clone()}</h2>
                    <ul class="doc-list">
                        {g.newest.into_iter().map(|d| view! {
                            <li data-doc=d.id.clone()>
                                <DocLink doc=d.clone() />
                                " " <time datetime=d.date.to_string()>{date(d.date)}</time>
                            </li>
                        }).collect_view()}
                    </ul>
                    <a class="show-all" href=href>{l.show_all_in(&name, g.total)}</a>
                </section>
            }
        }).collect_view()}
    }
}

/// Nothing to show: say so, say whom to ask, and point one who may act for
/// a child to the child's records.
#[component]
fn NoDocuments() -> impl IntoView {
    let t = lang().t();
    let viewer = crate::components::frame().viewer;
    let may_choose = viewer
        .as_ref()
        .is_some_and(|v| v.acting_for.is_none() && !v.children.is_empty());
    view! {
        <div class="empty" data-testid="empty">
            <p><strong>{t.no_documents}</strong></p>
            <p>{t.no_documents_why}</p>
            {may_choose.then(|| view! { <p>{t.no_documents_choose_child}</p> })}
        </div>
    }
}

#[component]
fn RelationshipCard(r: Relationship) -> impl IntoView {
    let t = lang().t();
    let row = |label: &'static str, d: Option<chrono::NaiveDate>| {
        d.map(|d| view! { <dt>{label}</dt> <dd>{date(d)}</dd> })
    };
    view! {
        <section class="relationship" data-testid="relationship">
            <h2>{t.relationship} " – " {r.register_keeper.clone()}</h2>
            <dl>
                {row(t.relationship_started, Some(r.started))}
                {row(t.relationship_ended, r.ended)}
                {row(t.child_protection_started, r.child_protection_started)}
                {row(t.child_protection_ended, r.child_protection_ended)}
                {r.contact.map(|c| view! {
                    <dt>{t.contact_person}</dt>
                    <dd class="contact">
                        {c.name} {c.title.map(|x| format!(", {x}"))}
                        {c.unit.map(|x| view! { <br /> {x} })}
                        {c.phone.map(|x| view! { <br /> <a href=format!("tel:{}", x.replace(' ', ""))>{x.clone()}</a> })}
                        {c.email.map(|x| view! { <br /> <a href=format!("mailto:{x}")>{x.clone()}</a> })}
                    </dd>
                })}
            </dl>
        </section>
    }
}

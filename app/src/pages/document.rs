//! One document: its display format (XHTML or PDF), attachments, signatures
//! and correction data (R-TASK-8, R-VERSION-1, R-SIGN-1, R-DELAY-4).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::layout::signed_in;
use crate::api::get_document;
use crate::components::{date, lang, service_name, DocNotices, PageTitle};
use crate::model::{DocBody, DocumentView};
use crate::tasks;

#[component]
pub fn DocumentPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        get_document,
    );
    signed_in(data, |d| view! { <Document data=d /> })
}

#[component]
fn Document(data: DocumentView) -> impl IntoView {
    let l = lang();
    let t = l.t();
    let s = data.summary.clone();
    view! {
        <PageTitle text=s.title.clone() />
        <p><a href="/">{t.back_to_front}</a></p>
        <article class="document" data-doc=s.id.clone()>
            <h1>{s.title.clone()}</h1>
            <DocNotices doc=s.clone() />
            <dl class="meta">
                <dt>{t.date}</dt><dd>{date(s.date)}</dd>
                <dt>{t.created}</dt><dd>{date(s.stored)}</dd>
                <dt>{t.service_tasks}</dt>
                <dd>{data.service_tasks.iter().map(|c| tasks::name(c, l)).collect::<Vec<_>>().join(", ")}</dd>
                {(!s.social_services.is_empty()).then(|| view! {
                    <dt>{t.social_service}</dt>
                    <dd>{s.social_services.iter().map(|c| service_name(c)).collect::<Vec<_>>().join(", ")}</dd>
                })}
                <dt>{t.register_keeper}</dt><dd>{s.register_keeper.clone()}</dd>
                {data.author.map(|a| view! { <dt>{t.author}</dt><dd>{a}</dd> })}
            </dl>
            {match data.body {
                DocBody::Xhtml(html) => view! { <div class="doc-body" inner_html=html></div> }.into_any(),
                DocBody::Pdf { href } => view! {
                    <p class="doc-body"><a href=href rel="external" target="_blank">{t.open_pdf}</a></p>
                }.into_any(),
            }}
            {(!data.attachments.is_empty()).then(|| view! {
                <section class="attachments">
                    <h2>{t.attachments}</h2>
                    <ul>
                        {data.attachments.into_iter().map(|a| view! {
                            <li><a href=a.href rel="external" target="_blank">{a.title}</a>{a.pdf.then_some(" (PDF)")}</li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!data.signatures.is_empty()).then(|| view! {
                <section class="signatures">
                    <h2>{t.signatures}</h2>
                    <ul>
                        {data.signatures.into_iter().map(|s| view! {
                            <li>{s.name} {s.role.map(|r| format!(", {r}"))} " – " {s.signed_at}</li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {data.correction.map(|c| view! {
                <section class="correction" data-testid="correction">
                    <h2>{t.correction}</h2>
                    <dl>
                        <dt>{t.corrected_by}</dt><dd>{c.corrector} ", " {c.title}</dd>
                        <dt>{t.date}</dt><dd>{date(c.date)}</dd>
                        <dt>{t.reason}</dt><dd>{c.reason}</dd>
                    </dl>
                </section>
            })}
        </article>
    }
}

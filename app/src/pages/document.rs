//! One document: its display format (XHTML or PDF), attachments, signatures
//! and correction data (R-TASK-8, R-VERSION-1, R-SIGN-1, R-DELAY-4), and its
//! disclosures (R-DISC-1).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::disclosures::DisclosureTable;
use super::layout::signed_in;
use crate::api::get_document;
use crate::components::{date, lang, service_name, DocNotices, PageTitle};
use crate::model::{AttachmentLink, DocBody, DocumentView};
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
                <dt>{t.drawn_up}</dt><dd>{date(s.drawn_up)}</dd>
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
            <Attachments list=data.attachments />
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
            {(!data.disclosures.is_empty()).then(|| view! {
                <section class="disclosures" data-testid="document-disclosures">
                    <h2>{t.document_disclosures}</h2>
                    <DisclosureTable rows=data.disclosures.clone() with_document=false caption=t.document_disclosures />
                </section>
            }.into_any())}
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

/// R-DELAY-3, R-SPECIAL-3, R-GUARD-10: the attachments the viewer may see,
/// with their own notices (R-DELAY-4, R-TASK-6).
#[component]
fn Attachments(list: Vec<AttachmentLink>) -> impl IntoView {
    let t = lang().t();
    (!list.is_empty()).then(|| {
        view! {
            <section class="attachments">
                <h2>{t.attachments}</h2>
                <ul>
                    {list.into_iter().map(|a| view! {
                        <li>
                            <a href=a.href rel="external" target="_blank">{a.title}</a>{a.pdf.then_some(" (PDF)")}
                            {a.withheld_from_guardians.then(|| view! { <p class="notice withheld">{t.attachment_withheld_notice}</p> })}
                            {a.delay_ended.then(|| view! { <p class="notice delay-ended">{t.attachment_delay_ended}</p> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any()
    })
}

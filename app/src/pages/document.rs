//! One document: its display format (XHTML or PDF), attachments, signatures
//! and correction data (R-TASK-8, R-VERSION-1, R-SIGN-1, R-DELAY-4), and its
//! disclosures (R-DISC-1).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::disclosures::DisclosureTable;
use super::layout::signed_in;
use crate::api::get_document;
use crate::components::{date, frame, lang, service_name, Breadcrumbs, DocNotices, PageTitle};
use crate::model::{encode_segment, AttachmentLink, DocBody, DocumentView};
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

/// The service task the reader came from (`?from=/tasks/CODE?search`, a
/// task view's link), else the document's first: its name and its view.
fn task_crumb(from: Option<String>, data: &DocumentView) -> Option<(String, Option<String>)> {
    let l = lang();
    let came = from.and_then(|f| {
        // The router hands the value over decoded (or, by some clients, not).
        let f = if f.starts_with('/') {
            f
        } else {
            crate::model::decode_component(&f)?
        };
        let (path, query) = f.split_once('?').unwrap_or((&f, ""));
        let code = crate::model::decode_component(path.strip_prefix("/tasks/")?)?;
        let task = tasks::find(&code)?;
        // Only a task the document is in.
        if !data.service_tasks.iter().any(|c| c == task.code) {
            return None;
        }
        // Only the search of a task view goes back: made of its own parts.
        let query = crate::model::TaskQuery::from_pairs(|k| {
            query
                .split('&')
                .filter_map(|kv| kv.split_once('='))
                .find(|(key, _)| *key == k)
                .and_then(|(_, v)| crate::model::decode_component(v))
        })
        .to_query_string();
        let base = format!("/tasks/{}", encode_segment(task.code));
        let href = if query.is_empty() {
            base
        } else {
            format!("{base}?{query}")
        };
        Some((tasks::name(task.code, l), Some(href)))
    });
    came.or_else(|| {
        data.service_tasks.first().map(|c| {
            (
                tasks::name(c, l),
                Some(format!("/tasks/{}", encode_segment(c))),
            )
        })
    })
}

/// Prints the page: the print-only line gets today's date first.
fn print_page(lang: crate::i18n::Lang) {
    let now = leptos::web_sys::js_sys::Date::new_0();
    let today = format!(
        "{}.{}.{}",
        now.get_date(),
        now.get_month() + 1,
        now.get_full_year()
    );
    if let Some(line) = document().get_element_by_id("printed-on") {
        line.set_text_content(Some(&lang.printed_on(&today)));
    }
    if let Ok(w) = leptos::web_sys::window().ok_or(()) {
        let _ = w.print();
    }
}

#[component]
fn Document(data: DocumentView) -> impl IntoView {
    let l = lang();
    let t = l.t();
    let s = data.summary.clone();
    let from = use_query_map().with_untracked(|q| q.get("from"));
    let mut trail: Vec<(String, Option<String>)> = task_crumb(from, &data).into_iter().collect();
    trail.push((s.title.clone(), None));
    let f = frame();
    let printed = l.printed_on(&date(f.today));
    let whose = f
        .viewer
        .map(|v| v.acting_for.map_or(v.name, |c| c.name))
        .unwrap_or_default();
    view! {
        <PageTitle text=s.title.clone() />
        <Breadcrumbs trail />
        <article class="document" data-doc=s.id.clone()>
            <h1>{s.title.clone()}</h1>
            <p class="print-only" data-testid="print-whose">{t.whose_document} ": " {whose}</p>
            <p class="print-only" id="printed-on">{printed}</p>
            <p class="actions">
                <button type="button" class="print-button" on:click=move |_| print_page(l)>{t.print}</button>
            </p>
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
                    <p class="doc-body"><a href=href rel="external" target="_blank">{t.open_pdf} <span class="visually-hidden">" (" {t.opens_in_new_window} ")"</span></a></p>
                }.into_any(),
            }}
            <Attachments list=data.attachments />
            {(!data.signatures.is_empty()).then(|| view! {
                <section class="signatures">
                    <h2>{t.signatures}</h2>
                    // R-SIGN-2: the signature data the metadata holds
                    // (L24616-24632): name, title, registration number,
                    // identification method and time.
                    <ul>
                        {data.signatures.into_iter().map(|s| view! {
                            <li data-testid="signature">
                                <span class="signer">{s.name} {s.role.map(|r| format!(", {r}"))}</span>
                                <dl>
                                    {s.registration_number.map(|r| view! {
                                        <dt>{t.signature_registration_number}</dt><dd>{r}</dd>
                                    })}
                                    <dt>{t.signature_method}</dt>
                                    <dd>{crate::i18n::signature_method(&s.method, l)}</dd>
                                    <dt>{t.date}</dt><dd>{s.signed_at}</dd>
                                </dl>
                            </li>
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
    let l = lang();
    let t = l.t();
    (!list.is_empty()).then(|| {
        view! {
            <section class="attachments">
                <h2>{t.attachments}</h2>
                <ul>
                    {list.into_iter().map(|a| view! {
                        <li>
                            <a href=a.href rel="external" target="_blank">{a.title}
                                {match (a.pdf, a.size) {
                                    (true, Some(n)) => format!(" ({}, {})", t.file_pdf, l.file_size(n)),
                                    (true, None) => format!(" ({})", t.file_pdf),
                                    (false, Some(n)) => format!(" ({})", l.file_size(n)),
                                    (false, None) => String::new(),
                                }}
                                <span class="visually-hidden">" (" {t.opens_in_new_window} ")"</span>
                            </a>
                            {a.withheld_from_guardians.then(|| view! { <p class="notice-box withheld" role="note">{t.attachment_withheld_notice}</p> })}
                            {a.delay_ended.then(|| view! { <p class="notice delay-ended">{t.attachment_delay_ended}</p> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any()
    })
}

//! The disclosure log (R-DISC-1..3): each disclosure of the subject's data —
//! when, to which organisation, which data — never who searched.

use leptos::prelude::*;

use super::layout::signed_in;
use crate::api::get_disclosures;
use crate::components::{lang, Breadcrumbs, PageTitle};
use crate::model::{document_href, DisclosureView, DisclosuresPage as Data};

#[component]
pub fn DisclosuresPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_disclosures());
    signed_in(data, |d| view! { <Disclosures data=d /> })
}

#[component]
fn Disclosures(data: Data) -> impl IntoView {
    let t = lang().t();
    view! {
        <PageTitle text=t.disclosures />
        <Breadcrumbs trail=vec![(t.disclosures.to_string(), None)] />
        <h1>{t.disclosures}</h1>
        <p>{t.disclosures_intro}</p>
        {if data.disclosures.is_empty() {
            view! { <p data-testid="no-disclosures">{t.no_disclosures}</p> }.into_any()
        } else {
            view! { <DisclosureTable rows=data.disclosures with_document=true caption=t.disclosures /> }.into_any()
        }}
    }
}

/// The disclosures as a table; `with_document` adds a column linking to the
/// document (left out under the document itself).
#[component]
pub fn DisclosureTable(
    rows: Vec<DisclosureView>,
    with_document: bool,
    caption: &'static str,
) -> impl IntoView {
    let t = lang().t();
    view! {
        <table class="disclosure-table">
            <caption class="visually-hidden">{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.disclosed_at}</th>
                    <th scope="col">{t.recipient}</th>
                    <th scope="col">{t.disclosed_data}</th>
                    {with_document.then(|| view! { <th scope="col">{t.document}</th> })}
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|d| view! {
                    <tr data-disclosure-doc=d.document_id.clone()>
                        <th scope="row"><time datetime=d.disclosed_at_iso>{d.disclosed_at}</time></th>
                        <td>{d.recipient}</td>
                        <td>{d.data}</td>
                        {with_document.then(|| view! {
                            <td><a href=document_href(&d.document_id)>{d.document_title.clone()}</a></td>
                        })}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

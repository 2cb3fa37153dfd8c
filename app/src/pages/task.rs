//! One service task's documents: R-TASK-1..8, with date search, sorting and pages.

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::layout::signed_in;
use crate::api::get_task_page;
use crate::components::{
    date, lang, service_name, Breadcrumbs, DocLink, DocNotices, InfoText, NewLegend, PageTitle,
    StandingNote,
};
use crate::model::{date_search_floor, encode_segment, SortKey, SortOrder, TaskPage, TaskQuery};
use crate::tasks;

#[component]
pub fn TaskView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let code = params.read().get("code").unwrap_or_default();
            let q = query.read();
            (code, TaskQuery::from_pairs(|k| q.get(k)))
        },
        |(code, q)| get_task_page(code, q),
    );
    signed_in(data, |d| view! { <Task data=d /> })
}

#[component]
fn Task(data: TaskPage) -> impl IntoView {
    let l = lang();
    let t = l.t();
    let name = tasks::name(&data.task, l);
    let base = format!("/tasks/{}", encode_segment(&data.task));
    let base_all = base.clone();
    let q = data.query.clone();
    let link = move |page: u32| {
        let mut q = q.clone();
        q.page = page;
        let qs = q.to_query_string();
        if qs.is_empty() {
            base.clone()
        } else {
            format!("{base}?{qs}")
        }
    };
    let floor = date_search_floor().to_string();
    let page = data.query.page;
    // Where the documents' links come from: this view with its search.
    let here = link(page);
    let any_new = data.documents.iter().any(|d| d.is_new);
    let cols = [
        t.name,
        t.date,
        t.attachments,
        t.drawn_up,
        t.social_service,
        t.register_keeper,
    ];
    let [c_name, c_date, c_att, c_drawn, c_service, c_keeper] = cols;
    view! {
        <PageTitle text=name.clone() />
        <Breadcrumbs trail=vec![(name.clone(), None)] />
        <h1>{name}</h1>
        {data.info_text.then(|| view! { <InfoText /> })}
        <Form method="GET" action="">
            <fieldset class="search">
                <legend>{t.search}</legend>
                <label>{t.from} " "
                    <input type="date" name="from" min=floor.clone()
                        value=data.query.from.map(|d| d.to_string()).unwrap_or_default() />
                </label>
                <label>{t.to} " "
                    <input type="date" name="to" min=floor
                        value=data.query.to.map(|d| d.to_string()).unwrap_or_default() />
                </label>
                <label>{t.sort_by} " "
                    <select name="sort">
                        <option value="date" selected=data.query.sort == SortKey::Date>{t.date}</option>
                        <option value="name" selected=data.query.sort == SortKey::Name>{t.name}</option>
                    </select>
                </label>
                <label>{t.order} " "
                    <select name="order">
                        <option value="desc" selected=data.query.order == SortOrder::Desc>
                            {if data.query.sort == SortKey::Name { t.z_to_a } else { t.newest_first }}
                        </option>
                        <option value="asc" selected=data.query.order == SortOrder::Asc>
                            {if data.query.sort == SortKey::Name { t.a_to_z } else { t.oldest_first }}
                        </option>
                    </select>
                </label>
                <button type="submit">{t.search}</button>
            </fieldset>
        </Form>
        {data.from_raised.then(|| view! { <p class="notice" role="status">{t.from_raised}</p> })}
        {data.to_raised.then(|| view! { <p class="notice" role="status">{t.to_raised}</p> })}
        {data.reversed.then(|| view! {
            <p class="error" role="alert" data-testid="search-reversed">{t.search_reversed}</p>
        })}
        <p class="count" data-testid="total">{l.documents(data.total)}</p>
        <StandingNote />
        <NewLegend show=any_new />
        {if data.documents.is_empty() {
            // A search that finds nothing says so, and the way back to all.
            view! {
                <div class="empty" data-testid="empty">
                    <p><strong>{t.no_documents_found}</strong></p>
                    <p><a href=base_all.clone()>{t.clear_search}</a></p>
                </div>
            }.into_any()
        } else {
            view! {
            <table class="documents">
                <thead>
                    <tr>
                        <th scope="col">{c_name}</th>
                        <th scope="col">{c_date}</th>
                        <th scope="col">{c_att}</th>
                        <th scope="col">{c_drawn}</th>
                        <th scope="col">{c_service}</th>
                        <th scope="col">{c_keeper}</th>
                    </tr>
                </thead>
                <tbody>
                    // On narrow screens each row is a card, each value labelled
                    // by its column's name (data-label).
                    {data.documents.into_iter().map(|d| view! {
                        <tr data-doc=d.id.clone()>
                            <td data-label=c_name><DocLink doc=d.clone() from=here.clone() /><DocNotices doc=d.clone() /></td>
                            <td data-label=c_date><time datetime=d.date.to_string()>{date(d.date)}</time></td>
                            <td data-label=c_att>{d.attachments}</td>
                            <td data-label=c_drawn><time datetime=d.drawn_up.to_string()>{date(d.drawn_up)}</time></td>
                            <td data-label=c_service>{d.social_services.iter().map(|s| service_name(s)).collect::<Vec<_>>().join(", ")}</td>
                            <td data-label=c_keeper>{d.register_keeper.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            }.into_any()
        }}
        {(data.pages > 1).then(|| view! {
            <nav class="pages" aria-label=t.page>
                {(page > 1).then(|| view! { <a rel="prev" href=link(page - 1)>{t.previous}</a> })}
                <span>{t.page} " " {page} " / " {data.pages}</span>
                {(page < data.pages).then(|| view! { <a rel="next" href=link(page + 1)>{t.next}</a> })}
            </nav>
        })}
    }
}

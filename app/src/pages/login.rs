//! Test identification (auth = "test"): pick a test person, no password,
//! as on the Suomi.fi test identification service.

use leptos::prelude::*;

use crate::api::get_test_persons;
use crate::components::{date, Failure, Loading, PageTitle};

#[component]
pub fn LoginPage() -> impl IntoView {
    let persons = Resource::new(|| (), |_| get_test_persons());
    view! {
        <PageTitle text="Tunnistautuminen – testi / Test identification" />
        <main id="main" class="login">
            <h1>"Testitunnistautuminen · Test identification"</h1>
            <p>"Valitse testihenkilö. · Choose a test person."</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match persons.await {
                        Ok(list) => view! {
                            <ul class="test-persons">
                                {list.into_iter().map(|p| view! {
                                    <li>
                                        <form method="post" action="/auth/test-login">
                                            <input type="hidden" name="person" value=p.id.clone() />
                                            <button type="submit" data-person=p.id.clone()>{p.name.clone()}</button>
                                            <span class="meta">" " {date(p.birth_date)} " · " {p.note.clone()}</span>
                                        </form>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <Failure error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

mod about;
mod disclosures;
mod document;
mod front;
mod goals;
mod layout;
mod login;
mod task;
mod use_log;

pub use about::{AccessibilityPage, ContactPage, PrivacyPage, SignedOutPage};
pub use disclosures::DisclosuresPage;
pub use document::DocumentPage;
pub use front::FrontPage;
pub use goals::GoalsPage;
pub use layout::PageFrame;
pub use login::LoginPage;
pub use task::TaskView;
pub use use_log::UseLogPage;

use leptos::prelude::*;

use crate::components::Failure;
use crate::error::AppError;

#[component]
pub fn NotFound() -> impl IntoView {
    layout::framed(|| {
        view! {
            <crate::components::PageTitle text=crate::components::lang().t().not_found_title />
            <Failure error=AppError::NotFound />
        }
    })
}

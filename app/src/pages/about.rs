//! The pages the footer links to: the accessibility statement (required of
//! public-sector services in Finland, Act 306/2019), contact and privacy;
//! and the page that confirms a sign-out.

use leptos::prelude::*;

use super::layout::framed;
use crate::components::{lang, Breadcrumbs, PageTitle};

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    framed(accessibility)
}

fn accessibility() -> impl IntoView {
    let t = lang().t();
    view! {
        <PageTitle text=t.accessibility />
        <Breadcrumbs trail=vec![(t.accessibility.to_string(), None)] />
        <h1>{t.accessibility}</h1>
        <p>{t.accessibility_intro}</p>
        <h2>{t.accessibility_status_heading}</h2>
        <p>{t.accessibility_status}</p>
        <h2>{t.accessibility_feedback_heading}</h2>
        <p>{t.accessibility_feedback}</p>
        <h2>{t.accessibility_enforcement_heading}</h2>
        <p>{t.accessibility_enforcement}</p>
    }
}

#[component]
pub fn ContactPage() -> impl IntoView {
    framed(contact)
}

fn contact() -> impl IntoView {
    let t = lang().t();
    view! {
        <PageTitle text=t.contact />
        <Breadcrumbs trail=vec![(t.contact.to_string(), None)] />
        <h1>{t.contact}</h1>
        <p>{t.contact_text}</p>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    framed(privacy)
}

fn privacy() -> impl IntoView {
    let t = lang().t();
    view! {
        <PageTitle text=t.privacy />
        <Breadcrumbs trail=vec![(t.privacy.to_string(), None)] />
        <h1>{t.privacy}</h1>
        <p>{t.privacy_text}</p>
    }
}

/// Where a sign-out lands: it says so (a sign-in page alone would leave the
/// person unsure it worked), and the way back in.
#[component]
pub fn SignedOutPage() -> impl IntoView {
    framed(signed_out)
}

fn signed_out() -> impl IntoView {
    let t = lang().t();
    view! {
        <PageTitle text=t.signed_out />
        <section class="notice-page" data-testid="signed-out">
            <h1>{t.signed_out}</h1>
            <p>{t.signed_out_text}</p>
            <p><a href="/login">{t.sign_in}</a></p>
        </section>
    }
}

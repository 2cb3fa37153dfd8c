//! The portal's words in Finnish, Swedish and English, in Fluent files
//! (`app/locales/{fi,sv,en}/main.ftl`) built into the binary and the
//! WebAssembly by `fluent-templates`. A viewer chooses the language in the
//! header; it defaults to the one recorded in the population data, then to
//! the browser's (`Accept-Language`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use serde::{Deserialize, Serialize};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fi",
        // No Unicode isolation marks around arguments: they would end up in
        // attribute values and in what a screen reader spells out.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Fi,
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// A language by its code (`fi`, `sv`, `en`, any case; a region such as
    /// `sv-FI` is ignored).
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or_default().trim();
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The language's name in itself, for the language choice.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Fi => "Suomi",
            Lang::Sv => "Svenska",
            Lang::En => "English",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        static IDS: LazyLock<[LanguageIdentifier; 3]> =
            LazyLock::new(|| Lang::ALL.map(|l| l.code().parse().unwrap_or_default()));
        let [fi, sv, en] = &*IDS;
        match self {
            Lang::Fi => fi,
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    /// One message, by its id.
    pub fn message(self, id: &str) -> String {
        LOCALES.lookup(self.id(), id)
    }

    /// One message with its arguments.
    pub fn message_with(self, id: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        LOCALES.lookup_with_args(self.id(), id, &args)
    }

    /// "1 asiakirja", "2 asiakirjaa": a count of documents with its noun.
    pub fn documents(self, n: u32) -> String {
        self.message_with("documents", &[("count", FluentValue::from(n))])
    }

    /// Why the person is on the sign-in page again.
    pub fn session_ended(self, idle_minutes: u32, hours: u32) -> String {
        self.message_with(
            "session_ended",
            &[
                ("minutes", FluentValue::from(idle_minutes)),
                ("hours", FluentValue::from(hours)),
            ],
        )
    }

    /// A message about a person, by name ("viewing_for", "front_title_for", …).
    pub fn about(self, id: &str, name: &str) -> String {
        self.message_with(id, &[("name", FluentValue::from(name))])
    }

    /// "Show all: Child protection (13)".
    pub fn show_all_in(self, group: &str, count: u32) -> String {
        self.message_with(
            "show_all_in",
            &[
                ("group", FluentValue::from(group)),
                ("count", FluentValue::from(count)),
            ],
        )
    }

    /// A page's title with the site's name.
    pub fn page_title(self, page: &str) -> String {
        self.message_with("page_title", &[("page", FluentValue::from(page))])
    }

    /// The chart of one goal, as a screen reader names it.
    pub fn chart_label(self, goal: &str) -> String {
        self.message_with("chart_label", &[("goal", FluentValue::from(goal))])
    }

    /// A test person who is a guardian of `n` children.
    pub fn guardian_of(self, n: u32) -> String {
        self.message_with("tester_guardian_of", &[("count", FluentValue::from(n))])
    }

    /// A file's size: "120 kt", "1,5 Mt" (a decimal comma in Finnish and
    /// Swedish, a point in English).
    pub fn file_size(self, bytes: u64) -> String {
        let kb = bytes.div_ceil(1024).max(1);
        if kb < 1024 {
            return self.message_with(
                "file_size_kb",
                &[("size", FluentValue::from(kb.to_string()))],
            );
        }
        let tenths = (kb * 10).div_ceil(1024);
        let sep = if self == Lang::En { "." } else { "," };
        let mb = format!("{}{sep}{}", tenths / 10, tenths % 10);
        self.message_with("file_size_mb", &[("size", FluentValue::from(mb))])
    }

    /// "Printed 1.12.2026".
    pub fn printed_on(self, date: &str) -> String {
        self.message_with("printed_on", &[("date", FluentValue::from(date))])
    }

    pub fn t(self) -> &'static Texts {
        static TEXTS: LazyLock<[Texts; 3]> = LazyLock::new(|| Lang::ALL.map(Texts::load));
        let [fi, sv, en] = &*TEXTS;
        match self {
            Lang::Fi => fi,
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

/// The plain messages of a language, looked up once: `t.sign_out` rather
/// than a lookup by a string id at every use, so that a misspelt id does not
/// compile.
macro_rules! texts {
    ($($id:ident,)*) => {
        pub struct Texts {
            $(pub $id: &'static str,)*
        }

        impl Texts {
            /// Every message id of [`Texts`].
            pub const IDS: &'static [&'static str] = &[$(stringify!($id),)*];

            fn load(lang: Lang) -> Texts {
                // Looked up once per language, kept for the life of the process.
                Texts { $($id: Box::leak(lang.message(stringify!($id)).into_boxed_str()),)* }
            }
        }
    };
}

texts! {
    portal,
    skip_to_content,
    sign_out,
    front_title,
    new_label,
    show_all,
    no_documents,
    no_documents_why,
    no_documents_choose_child,
    no_documents_found,
    clear_search,
    info_text,
    relationship,
    relationship_started,
    relationship_ended,
    child_protection_started,
    child_protection_ended,
    contact_person,
    name,
    date,
    attachments,
    created,
    social_service,
    register_keeper,
    shared_notice,
    withheld_notice,
    delay_ended_notice,
    search,
    from,
    to,
    sort_by,
    order,
    newest_first,
    oldest_first,
    a_to_z,
    z_to_a,
    from_raised,
    page,
    previous,
    next,
    back_to_front,
    author,
    signatures,
    signature_registration_number,
    signature_method,
    correction,
    corrected_by,
    reason,
    open_pdf,
    service_tasks,
    not_found_title,
    not_found_text,
    bad_request_title,
    bad_request_text,
    error_title,
    error_text,
    loading,
    acting_for,
    test_banner,
    own_records,
    back_to_own,
    drawn_up,
    to_raised,
    search_reversed,
    standing_note,
    attachment_delay_ended,
    attachment_withheld_notice,
    disclosures,
    disclosures_intro,
    disclosed_at,
    recipient,
    disclosed_data,
    document,
    no_disclosures,
    document_disclosures,
    too_many_title,
    too_many_text,
    signin_failed_title,
    signin_failed_text,
    no_records_title,
    no_records_text,
    forbidden_title,
    forbidden_text,
    use_log,
    use_log_intro,
    use_log_empty,
    use_log_when,
    use_log_who,
    use_log_what,
    relation_own,
    relation_guardian,
    relation_info_right,
    relation_unknown,
    action_front_page,
    action_task_page,
    action_document,
    action_document_body,
    action_attachment,
    action_disclosures,
    action_use_log,
    signed_out,
    signed_out_text,
    unavailable_title,
    unavailable_text,
    language,
    whose_records,
    show_records,
    signed_in_as,
    sign_in,
    info_heading,
    new_legend,
    breadcrumbs,
    front_page,
    footer_label,
    accessibility,
    contact,
    privacy,
    print,
    whose_document,
    file_pdf,
    opens_in_new_window,
    sign_in_title,
    oidc_intro,
    identify,
    signin_unavailable,
    test_heading,
    choose_test_person,
    search_persons,
    pages,
    accessibility_intro,
    accessibility_status_heading,
    accessibility_status,
    accessibility_feedback_heading,
    accessibility_feedback,
    accessibility_enforcement_heading,
    accessibility_enforcement,
    contact_text,
    privacy_text,
    page_loaded,
    goals_title,
    goals_intro,
    goals_link,
    no_goals,
    goal_area,
    goal_scale,
    scale_improve,
    scale_prevent_worsening,
    goal_set_in,
    goal_evaluations,
    not_evaluated,
    reached,
    reached_yes,
    reached_partly,
    reached_no,
    factors,
    factor_supported,
    factor_hindered,
    methods,
    services,
    used_yes,
    used_no,
    used_unknown,
    used,
    from_plan,
    chart_table_caption,
    action_goals,
    tester_adult,
    tester_minor,
    tester_protection_order,
    tester_trustee,
    tester_incompetent,
}

/// Finnish-style date: 5.3.2024 (the same in Swedish and in English, as on
/// Finnish public services).
pub fn date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}.{}.{}", d.day(), d.month(), d.year())
}

/// The codes of the social services the portal names (archive-format.md,
/// "Codes"; the codes the visibility rules name are among them). Their
/// names are the messages `service-<code>`.
pub const SOCIAL_SERVICES: [&str; 20] = [
    "social_work",
    "adult_social_work",
    "income_support",
    "social_rehabilitation",
    "substance_abuse_rehabilitation",
    "family_work",
    "child_protection",
    "child_guidance_family_counselling",
    "child_welfare_supervisor",
    "personal_assistance",
    "disability_services",
    "home_care",
    "home_help",
    "adoption_counselling",
    "shelter_service",
    "violence_prevention",
    "parentage_investigation",
    "paternity_investigation",
    "maternity_investigation",
    "family_mediation",
];

/// How many services AVAIN lists (seed 002, table 6).
pub const AVAIN_SERVICES: u8 = 24;

/// An AVAIN service's name (`avain-service-N`); an unknown number as it is.
pub fn avain_service(code: u8, lang: Lang) -> String {
    if (1..=AVAIN_SERVICES).contains(&code) {
        lang.message(&format!("avain-service-{code}"))
    } else {
        code.to_string()
    }
}

/// A social service's name in `lang`; an unknown code as words.
pub fn social_service(code: &str, lang: Lang) -> String {
    if SOCIAL_SERVICES.contains(&code) {
        lang.message(&format!("service-{code}"))
    } else {
        code.replace('_', " ")
    }
}

/// How a signer identified (`codes::AUTHENTICATION_METHOD`'s words), in
/// words: `sign-method-` and the word; an unknown word as it is.
pub const SIGNATURE_METHODS: [&str; 1] = ["strong_electronic"];

pub fn signature_method(word: &str, lang: Lang) -> String {
    if SIGNATURE_METHODS.contains(&word) {
        lang.message(&format!("sign-method-{word}"))
    } else {
        word.replace('_', " ")
    }
}

/// The messages that take arguments (and so are not fields of [`Texts`]).
pub const ARGUMENT_MESSAGES: &[&str] = &[
    "documents",
    "front_title_for",
    "viewing_for",
    "info_text_for",
    "show_all_in",
    "session_ended",
    "page_title",
    "printed_on",
    "goals_title_for",
    "chart_label",
    "tester_guardian_of",
    "file_size_kb",
    "file_size_mb",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message id the code uses.
    fn ids() -> Vec<String> {
        let mut ids: Vec<String> = Texts::IDS.iter().map(|s| s.to_string()).collect();
        ids.extend(ARGUMENT_MESSAGES.iter().map(|s| s.to_string()));
        ids.extend(SOCIAL_SERVICES.iter().map(|c| format!("service-{c}")));
        ids.extend(SIGNATURE_METHODS.iter().map(|c| format!("sign-method-{c}")));
        ids.extend((1..=AVAIN_SERVICES).map(|n| format!("avain-service-{n}")));
        ids.extend(
            crate::tasks::SERVICE_TASKS
                .iter()
                .map(|t| crate::tasks::message_id(t.code)),
        );
        ids
    }

    #[test]
    fn every_message_is_in_every_language() {
        // Any argument a message takes.
        let args: HashMap<&str, FluentValue<'_>> = [
            ("count", FluentValue::from(2)),
            ("group", FluentValue::from("x")),
            ("name", FluentValue::from("x")),
            ("page", FluentValue::from("x")),
            ("date", FluentValue::from("x")),
            ("goal", FluentValue::from("x")),
            ("size", FluentValue::from("x")),
            ("minutes", FluentValue::from(30)),
            ("hours", FluentValue::from(8)),
        ]
        .into_iter()
        .collect();
        for lang in Lang::ALL {
            for id in ids() {
                assert!(
                    LOCALES
                        .lookup_no_default_fallback(lang.id(), &id, Some(&args))
                        .is_some(),
                    "{id} is missing in {}",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn no_file_has_a_message_the_code_does_not_use() {
        let ids = ids();
        for lang in Lang::ALL {
            let path = format!(
                "{}/locales/{}/main.ftl",
                env!("CARGO_MANIFEST_DIR"),
                lang.code()
            );
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                if let Some((id, _)) = line.split_once(" = ") {
                    if !id.starts_with([' ', '#']) {
                        assert!(ids.contains(&id.to_string()), "{id} in {path} is not used");
                    }
                }
            }
        }
    }

    #[test]
    fn counts_of_documents_agree_in_number() {
        assert_eq!(Lang::Fi.documents(1), "1 asiakirja");
        assert_eq!(Lang::Fi.documents(2), "2 asiakirjaa");
        assert_eq!(Lang::Fi.documents(0), "0 asiakirjaa");
        assert_eq!(Lang::Sv.documents(1), "1 handling");
        assert_eq!(Lang::Sv.documents(13), "13 handlingar");
        assert_eq!(Lang::En.documents(1), "1 document");
        assert_eq!(Lang::En.documents(21), "21 documents");
    }

    #[test]
    fn file_sizes_in_each_language() {
        assert_eq!(Lang::Fi.file_size(0), "1 kt");
        assert_eq!(Lang::Fi.file_size(120 * 1024), "120 kt");
        assert_eq!(Lang::Sv.file_size(1536 * 1024), "1,5 MB");
        assert_eq!(Lang::En.file_size(1536 * 1024), "1.5 MB");
    }

    #[test]
    fn r_info_5_the_standing_note_says_drawn_up_before() {
        // L7770–7774 "som har upprättats innan": drawn up, not stored
        // (old documents are archived after joining, L20423–20427).
        assert!(Lang::Fi.t().standing_note.contains("laadittu ennen"));
        assert!(Lang::Sv.t().standing_note.contains("upprättats innan"));
        assert!(Lang::En.t().standing_note.contains("drawn up before"));
    }

    #[test]
    fn languages_by_code() {
        assert_eq!(Lang::from_code("sv-FI"), Some(Lang::Sv));
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn one_name_per_social_service() {
        for lang in Lang::ALL {
            let names: std::collections::HashSet<String> = SOCIAL_SERVICES
                .iter()
                .map(|c| social_service(c, lang))
                .collect();
            assert_eq!(names.len(), SOCIAL_SERVICES.len(), "{}", lang.code());
        }
    }
}

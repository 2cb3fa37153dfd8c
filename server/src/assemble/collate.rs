//! Alphabetical order in the page's language (R-TASK-4: "alfabetisk
//! ordning", L7729–7731): Finnish and Swedish end their alphabets z, å, ä, ö,
//! which code-point order gets wrong (`Ä` before `Å`). ICU4X's collator with
//! its compiled CLDR data does it; English pages take the root order.

use std::cmp::Ordering;
use std::sync::LazyLock;

use app::i18n::Lang;
use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use icu_locale_core::{langid, LanguageIdentifier};

fn load(id: LanguageIdentifier) -> Option<CollatorBorrowed<'static>> {
    let prefs = CollatorPreferences::from(&icu_locale_core::Locale::from(id));
    match Collator::try_new(prefs, CollatorOptions::default()) {
        Ok(c) => Some(c),
        Err(e) => {
            tracing::error!(error = %e, "collation data missing; names sort by code point");
            None
        }
    }
}

static FI: LazyLock<Option<CollatorBorrowed<'static>>> = LazyLock::new(|| load(langid!("fi")));
static SV: LazyLock<Option<CollatorBorrowed<'static>>> = LazyLock::new(|| load(langid!("sv")));
static EN: LazyLock<Option<CollatorBorrowed<'static>>> = LazyLock::new(|| load(langid!("en")));

/// Compares two names as the alphabet of `lang` orders them.
pub fn compare(lang: Lang, a: &str, b: &str) -> Ordering {
    let collator = match lang {
        Lang::Fi => &*FI,
        Lang::Sv => &*SV,
        Lang::En => &*EN,
    };
    match collator {
        Some(c) => c.compare(a, b),
        None => a.to_lowercase().cmp(&b.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lang: Lang, names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| compare(lang, a, b));
        v
    }

    #[test]
    fn r_task_4_finnish_and_swedish_end_with_z_a_ring_a_umlaut_o_umlaut() {
        let names = [
            "Ärendeplan",
            "Åtgärdsplan",
            "Öppen vård",
            "Zeta",
            "arvio",
            "Beslut",
        ];
        let want = [
            "arvio",
            "Beslut",
            "Zeta",
            "Åtgärdsplan",
            "Ärendeplan",
            "Öppen vård",
        ];
        assert_eq!(sorted(Lang::Sv, &names), want);
        assert_eq!(sorted(Lang::Fi, &names), want);
        // English has no such letters: å and ä are a, ö is o.
        assert_eq!(
            sorted(Lang::En, &names),
            [
                "Ärendeplan",
                "arvio",
                "Åtgärdsplan",
                "Beslut",
                "Öppen vård",
                "Zeta"
            ]
        );
    }
}

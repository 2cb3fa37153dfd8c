//! Service tasks (palvelutehtävä / serviceuppgift), archive-format.md "Codes".
//! The order here is the order of the groups on the front page.

use crate::i18n::Lang;

pub struct ServiceTask {
    pub code: &'static str,
    pub fi: &'static str,
    pub sv: &'static str,
    pub en: &'static str,
}

pub const SERVICE_TASKS: [ServiceTask; 7] = [
    ServiceTask {
        code: "2016:26",
        fi: "Työikäisten palvelut",
        sv: "Service för personer i arbetsför ålder",
        en: "Services for persons of working age",
    },
    ServiceTask {
        code: "2016:24",
        fi: "Lapsiperheiden palvelut",
        sv: "Service för barnfamiljer",
        en: "Services for families with children",
    },
    ServiceTask {
        code: "2016:10",
        fi: "Lastensuojelu",
        sv: "Barnskydd",
        en: "Child protection",
    },
    ServiceTask {
        code: "2016:25",
        fi: "Perheoikeudelliset palvelut",
        sv: "Familjerättslig service",
        en: "Family-law services",
    },
    ServiceTask {
        code: "2016:15",
        fi: "Päihde- ja riippuvuustyön erityispalvelut",
        sv: "Särskild service inom arbetet med missbruk och beroende",
        en: "Substance-abuse and addiction services",
    },
    ServiceTask {
        code: "2016:20",
        fi: "Vammaispalvelut",
        sv: "Service för personer med funktionsnedsättning",
        en: "Disability services",
    },
    ServiceTask {
        code: "2016:23",
        fi: "Ikääntyneiden palvelut",
        sv: "Äldreservice",
        en: "Services for older people",
    },
];

pub fn find(code: &str) -> Option<&'static ServiceTask> {
    SERVICE_TASKS.iter().find(|t| t.code == code)
}

/// The position of a task in [`SERVICE_TASKS`] (unknown codes last).
pub fn order(code: &str) -> usize {
    SERVICE_TASKS
        .iter()
        .position(|t| t.code == code)
        .unwrap_or(SERVICE_TASKS.len())
}

pub fn name(code: &str, lang: Lang) -> String {
    match find(code) {
        Some(t) => match lang {
            Lang::Fi => t.fi,
            Lang::Sv => t.sv,
            Lang::En => t.en,
        }
        .to_string(),
        None => code.to_string(),
    }
}

//! Service tasks (palvelutehtävä / serviceuppgift), archive-format.md "Codes".
//! The order here is the order of the groups on the front page.

use crate::i18n::Lang;

pub struct ServiceTask {
    pub code: &'static str,
}

pub const SERVICE_TASKS: [ServiceTask; 7] = [
    ServiceTask { code: "2016:26" },
    ServiceTask { code: "2016:24" },
    ServiceTask { code: "2016:10" },
    ServiceTask { code: "2016:25" },
    ServiceTask { code: "2016:15" },
    ServiceTask { code: "2016:20" },
    ServiceTask { code: "2016:23" },
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

/// The message id of a task's name: `task-2016-26`.
pub fn message_id(code: &str) -> String {
    format!("task-{}", code.replace(':', "-"))
}

/// A task's name in `lang` (its code if unknown).
pub fn name(code: &str, lang: Lang) -> String {
    match find(code) {
        Some(t) => lang.message(&message_id(t.code)),
        None => code.to_string(),
    }
}

//! The front page (R-FRONT-1..7, R-INFO-1..4).

use std::collections::HashMap;

use app::model::{Contact, FrontPage, Relationship, TaskGroup};

use super::summary::{count, keeper, summary};
use super::{Evaluated, Labels};
use crate::policy::RelationshipCard;

/// R-FRONT-1: how many of each task's newest documents the front page lists.
pub const NEWEST_PER_TASK: usize = 5;

pub fn front_page(e: &Evaluated, labels: &Labels<'_>) -> FrontPage {
    let groups = app::tasks::SERVICE_TASKS
        .iter()
        .filter_map(|task| {
            // e.shown is newest first.
            let docs: Vec<_> = e
                .shown
                .iter()
                .filter(|(d, _)| d.service_tasks.iter().any(|t| t == task.code))
                .collect();
            (!docs.is_empty()).then(|| TaskGroup {
                task: task.code.to_string(),
                total: count(docs.len()),
                newest: docs
                    .iter()
                    .take(NEWEST_PER_TASK)
                    .map(|(d, s)| summary(d, s, labels))
                    .collect(),
            })
        })
        .collect();
    FrontPage {
        info_text: e.info_text(),
        relationships: e.relationships.clone(),
        groups,
        has_goals: super::has_goals(e),
    }
}

/// R-FRONT-4..7: one card per relationship the policy let through, newest first.
pub(super) fn relationships(
    used: &[RelationshipCard<'_>],
    organisations: &HashMap<String, String>,
) -> Vec<Relationship> {
    let mut cards: Vec<Relationship> = used
        .iter()
        .map(|c| Relationship {
            register_keeper: keeper(&c.relationship.register_keeper, organisations),
            started: c.relationship.started,
            ended: c.relationship.ended,
            child_protection_started: c.relationship.child_protection_started,
            child_protection_ended: c.relationship.child_protection_ended,
            contact: c.contact.map(|w| Contact {
                name: w.name.clone(),
                title: w.title.clone(),
                phone: w.phone.clone(),
                email: w.email.clone(),
                unit: w.unit.clone(),
            }),
        })
        .collect();
    cards.sort_by_key(|c| std::cmp::Reverse(c.started));
    cards
}

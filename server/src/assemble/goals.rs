//! "My goals": the AVAIN goals of the client plans the
//! viewer may see, each followed across the plans' evaluations. Only shown
//! documents feed it, newest versions only (the policy decided; this only
//! arranges): a withheld plan's goals appear nowhere.

use app::model::{
    FactorView, GoalPoint, GoalView, GoalsPage, PlanRef, Reached, ServiceUse, UsedView,
};

use super::Evaluated;
use crate::archive::format::{self, Document, FactorEffect, GoalScale};

fn plan_ref(d: &Document) -> PlanRef {
    PlanRef {
        id: d.id.clone(),
        title: d.title.clone(),
        date: d.created,
    }
}

fn reached(r: format::Reached) -> Reached {
    match r {
        format::Reached::Yes => Reached::Yes,
        format::Reached::Partly => Reached::Partly,
        format::Reached::No => Reached::No,
    }
}

/// Does any shown document carry a goal?
pub fn has_goals(e: &Evaluated) -> bool {
    e.shown
        .iter()
        .any(|(d, _)| d.avain.as_ref().is_some_and(|a| !a.goals.is_empty()))
}

pub fn goals_page(e: &Evaluated) -> GoalsPage {
    let mut plans: Vec<&Document> = e
        .shown
        .iter()
        .map(|(d, _)| *d)
        .filter(|d| d.avain.is_some())
        .collect();
    plans.sort_by(|a, b| (a.created, a.stored_at, &a.id).cmp(&(b.created, b.stored_at, &b.id)));
    // Goals by (case, key), in the order they were first set: a goal moves
    // from plan to plan within its case; another case's "talous" is another goal.
    let mut keys: Vec<(&str, &str)> = Vec::new();
    let mut goals: Vec<GoalView> = Vec::new();
    for plan in &plans {
        let Some(avain) = &plan.avain else { continue };
        for g in &avain.goals {
            let view = GoalView {
                text: g.text.clone(),
                area: g.area.clone(),
                improve: g.scale == GoalScale::Improve,
                set_in: plan_ref(plan),
                evaluations: Vec::new(),
            };
            match keys
                .iter()
                .position(|k| *k == (plan.case.as_str(), g.key.as_str()))
            {
                // A later plan's words for the goal replace the earlier.
                Some(i) => {
                    if let Some(old) = goals.get_mut(i) {
                        old.text = view.text;
                        old.area = view.area;
                        old.improve = view.improve;
                    }
                }
                None => {
                    keys.push((&plan.case, &g.key));
                    goals.push(view);
                }
            }
        }
        for ev in &avain.evaluations {
            let Some(i) = keys
                .iter()
                .position(|k| *k == (plan.case.as_str(), ev.goal.as_str()))
            else {
                continue;
            };
            if let Some(goal) = goals.get_mut(i) {
                goal.evaluations.push(GoalPoint {
                    plan: plan_ref(plan),
                    reached: reached(ev.reached),
                    factors: ev
                        .factors
                        .iter()
                        .map(|f| FactorView {
                            text: f.text.clone(),
                            supported: f.effect == FactorEffect::Supported,
                        })
                        .collect(),
                });
            }
        }
    }
    let latest = plans.iter().rev().find(|d| {
        d.avain
            .as_ref()
            .is_some_and(|a| !a.methods.is_empty() || !a.services.is_empty())
    });
    let (methods, services) = latest
        .and_then(|d| d.avain.as_ref())
        .map(|a| {
            (
                a.methods
                    .iter()
                    .map(|m| UsedView {
                        text: m.text.clone(),
                        used: m.used,
                    })
                    .collect(),
                a.services
                    .iter()
                    .map(|s| ServiceUse {
                        code: s.code,
                        used: s.used,
                    })
                    .collect(),
            )
        })
        .unwrap_or_default();
    GoalsPage {
        goals,
        methods,
        services,
        latest_plan: latest.map(|d| plan_ref(d)),
    }
}

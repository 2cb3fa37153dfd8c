//! "My goals": each AVAIN goal of the client plans the
//! viewer may see, across the plans' evaluations, as a chart (inline SVG,
//! named for screen readers) with the same data as a table beside it.

use leptos::prelude::*;

use super::layout::signed_in;
use crate::api::get_goals;
use crate::components::{acting_for, date, lang, Breadcrumbs, PageTitle};
use crate::i18n::{avain_service, Texts};
use crate::model::{document_href, GoalView, GoalsPage as Data, Reached, UsedView};

#[component]
pub fn GoalsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_goals());
    signed_in(data, |d| view! { <Goals data=d /> })
}

fn reached_text(t: &Texts, r: Reached) -> &'static str {
    match r {
        Reached::Yes => t.reached_yes,
        Reached::Partly => t.reached_partly,
        Reached::No => t.reached_no,
    }
}

fn used_text(t: &Texts, used: Option<bool>) -> &'static str {
    match used {
        Some(true) => t.used_yes,
        Some(false) => t.used_no,
        None => t.used_unknown,
    }
}

#[component]
fn Goals(data: Data) -> impl IntoView {
    let l = lang();
    let t = l.t();
    let title = match acting_for() {
        Some(name) => l.about("goals_title_for", &name),
        None => t.goals_title.to_string(),
    };
    let Data {
        goals,
        methods,
        services,
        latest_plan,
    } = data;
    view! {
        <PageTitle text=title.clone() />
        <Breadcrumbs trail=vec![(title.clone(), None)] />
        <h1>{title}</h1>
        <p>{t.goals_intro}</p>
        {goals.is_empty().then(|| view! { <p data-testid="no-goals">{t.no_goals}</p> })}
        {goals.into_iter().enumerate().map(|(i, g)| view! { <Goal n=i goal=g /> }).collect_view()}
        {latest_plan.map(|plan| view! {
            <section class="goal-uses" data-testid="goal-uses">
                <p>
                    {t.from_plan} ": "
                    <a href=document_href(&plan.id)>{plan.title.clone()}</a>
                    " (" <time datetime=plan.date.to_string()>{date(plan.date)}</time> ")"
                </p>
                <UsedList heading=t.methods rows=methods />
                <UsedList heading=t.services rows=services.into_iter().map(|s| UsedView {
                    text: avain_service(s.code, l),
                    used: s.used,
                }).collect() />
            </section>
        })}
    }
}

#[component]
fn UsedList(heading: &'static str, rows: Vec<UsedView>) -> impl IntoView {
    let t = lang().t();
    (!rows.is_empty()).then(|| {
        view! {
            <h2>{heading}</h2>
            <ul class="used-list">
                {rows.into_iter().map(|r| view! {
                    <li>{r.text} " – " {used_text(t, r.used)}</li>
                }).collect_view()}
            </ul>
        }
    })
}

/// The chart's geometry (SVG user units).
const WIDTH: u32 = 400;
const LEFT: u32 = 130;
const RIGHT: u32 = 385;
fn level_y(level: u32) -> u32 {
    95 - level * 35
}

#[component]
fn Goal(n: usize, goal: GoalView) -> impl IntoView {
    let l = lang();
    let t = l.t();
    let heading = format!("goal-{n}");
    let labelled_by = heading.clone();
    let points: Vec<(u32, u32)> = {
        let count = u32::try_from(goal.evaluations.len()).unwrap_or(u32::MAX);
        let step = if count > 1 {
            (RIGHT - LEFT) / (count - 1)
        } else {
            0
        };
        goal.evaluations
            .iter()
            .zip(0u32..)
            .map(|(e, i)| {
                let x = if count > 1 {
                    LEFT + i * step
                } else {
                    (LEFT + RIGHT) / 2
                };
                (x, level_y(e.reached.level()))
            })
            .collect()
    };
    let line: String = points.iter().map(|(x, y)| format!("{x},{y} ")).collect();
    let label = l.chart_label(&goal.text);
    let dates: Vec<(u32, String)> = points
        .iter()
        .zip(&goal.evaluations)
        .map(|((x, _), e)| (*x, date(e.plan.date)))
        .collect();
    view! {
        <section class="goal" aria-labelledby=labelled_by data-testid="goal">
            <h2 id=heading>{goal.text.clone()}</h2>
            <dl>
                {goal.area.clone().map(|a| view! { <dt>{t.goal_area}</dt><dd>{a}</dd> })}
                <dt>{t.goal_scale}</dt>
                <dd>{if goal.improve { t.scale_improve } else { t.scale_prevent_worsening }}</dd>
                <dt>{t.goal_set_in}</dt>
                <dd>
                    <a href=document_href(&goal.set_in.id)>{goal.set_in.title.clone()}</a>
                    " (" {date(goal.set_in.date)} ")"
                </dd>
            </dl>
            {if goal.evaluations.is_empty() {
                view! { <p>{t.not_evaluated}</p> }.into_any()
            } else {
                view! {
                    <svg class="goal-chart" viewBox=format!("0 0 {WIDTH} 120") role="img" aria-label=label
                        focusable="false" data-testid="goal-chart">
                        {[Reached::Yes, Reached::Partly, Reached::No].into_iter().map(|r| {
                            let y = level_y(r.level());
                            view! {
                                <line x1=LEFT - 10 x2=RIGHT + 10 y1=y y2=y class="grid" />
                                <text x=LEFT - 16 y=y + 4 text-anchor="end" class="level">{reached_text(t, r)}</text>
                            }
                        }).collect_view()}
                        <polyline points=line class="trend" />
                        {points.iter().map(|(x, y)| view! { <circle cx=*x cy=*y r="6" class="point" /> }).collect_view()}
                        {dates.into_iter().map(|(x, d)| view! {
                            <text x=x y="116" text-anchor="middle" class="date">{d}</text>
                        }).collect_view()}
                    </svg>
                    <table class="goal-table">
                        <caption>{t.chart_table_caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.goal_evaluations}</th>
                                <th scope="col">{t.reached}</th>
                                <th scope="col">{t.factors}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {goal.evaluations.into_iter().map(|e| view! {
                                <tr>
                                    <th scope="row">
                                        <a href=document_href(&e.plan.id)>{e.plan.title.clone()}</a>
                                        " " <time datetime=e.plan.date.to_string()>{date(e.plan.date)}</time>
                                    </th>
                                    <td data-label=t.reached>{reached_text(t, e.reached)}</td>
                                    <td data-label=t.factors>
                                        <ul class="factors">
                                            {e.factors.into_iter().map(|f| view! {
                                                <li>{f.text} " (" {if f.supported { t.factor_supported } else { t.factor_hindered }} ")"</li>
                                            }).collect_view()}
                                        </ul>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

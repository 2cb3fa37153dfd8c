//! One service task's documents (R-TASK-1..5): date search, sorting, pages.

use app::model::{date_search_floor, SortKey, SortOrder, TaskPage, TaskQuery, PAGE_SIZE};

use super::collate;
use super::summary::{count, summary};
use super::{Evaluated, Labels};
use crate::archive::format::Document;
use crate::policy::Shown;

/// The page of `task` that `query` asks for. `task` must be a known code.
pub fn task_page(e: &Evaluated, task: &str, query: TaskQuery, labels: &Labels<'_>) -> TaskPage {
    let mut query = query;
    // R-TASK-3: a date search reaches back to 1.1.2023 and no further, at
    // either end: the search is the asked interval cut at the floor. A start
    // before the floor (or none, when an end is given) becomes the floor; an
    // end before the floor is kept as asked, and nothing can be found then
    // (raising it would find the documents of 1.1.2023, which the searcher
    // did not ask for).
    let floor = date_search_floor();
    let from_raised = query.from.is_some_and(|f| f < floor);
    let to_raised = query.to.is_some_and(|t| t < floor);
    // A start after the end finds nothing: the page says why (R-TASK-9).
    let reversed = matches!((query.from, query.to), (Some(f), Some(t)) if f > t);
    if query.from.is_some() || query.to.is_some() {
        query.from = query.from.map(|f| f.max(floor)).or(Some(floor));
    }
    let mut docs: Vec<&(&Document, Shown)> = e
        .shown
        .iter()
        .filter(|(d, _)| d.service_tasks.iter().any(|t| t == task))
        .filter(|(d, _)| query.from.is_none_or(|f| d.created >= f))
        .filter(|(d, _)| query.to.is_none_or(|t| d.created <= t))
        .collect();
    // R-TASK-4: by name or by date (e.shown is already newest first).
    match query.sort {
        SortKey::Date => {
            if query.order == SortOrder::Asc {
                docs.reverse();
            }
        }
        SortKey::Name => {
            docs.sort_by(|(a, _), (b, _)| {
                collate::compare(labels.lang, &a.title, &b.title).then_with(|| a.id.cmp(&b.id))
            });
            if query.order == SortOrder::Desc {
                docs.reverse();
            }
        }
    }
    let total = count(docs.len());
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    query.page = query.page.clamp(1, pages);
    let page_size = usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
    let start = usize::try_from(query.page - 1)
        .unwrap_or(usize::MAX)
        .saturating_mul(page_size);
    let documents = docs
        .iter()
        .skip(start)
        .take(page_size)
        .map(|(d, s)| summary(d, s, labels))
        .collect();
    TaskPage {
        task: task.to_string(),
        info_text: e.info_text(),
        query,
        from_raised,
        to_raised,
        reversed,
        total,
        pages,
        documents,
    }
}

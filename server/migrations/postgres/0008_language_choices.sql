-- The language a person chose in the portal (issue 11): the portal's own
-- data, like sessions; an import of records leaves it alone.
CREATE TABLE language_choices (
    person TEXT PRIMARY KEY,
    lang TEXT NOT NULL,
    chosen_at TEXT NOT NULL
);

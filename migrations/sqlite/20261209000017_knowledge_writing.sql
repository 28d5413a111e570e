-- Writing the knowledge base (SQLite; twin in ../postgres/). Readers' votes: one per person per
-- article ("Was this helpful?" yes or no), changeable; the article page shows the share of yes,
-- and staff see the least helpful articles first. `author_id` and `revision` are what the Dutch
-- guide's article page shows ("Auteur", "Revisie"); articles from before have no author and
-- revision 1.
CREATE TABLE kb_article_votes (
    article_id INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    helpful    BOOLEAN NOT NULL,
    voted_at   TEXT    NOT NULL,
    PRIMARY KEY (article_id, user_id)
);
ALTER TABLE kb_articles ADD COLUMN author_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE kb_articles ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
-- The solved case an article was written from ("Create article" on the case): attached to it
-- once published.
ALTER TABLE kb_articles ADD COLUMN source_case_id INTEGER REFERENCES cases (id) ON DELETE SET NULL;

-- Articles suggested on the new-case form and opened (the deflection figure): a case of the same
-- person opened before `window_end` means the article did not answer; none means it did.
CREATE TABLE kb_suggestion_opens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    opened_at  TEXT    NOT NULL,
    window_end TEXT    NOT NULL
);
CREATE INDEX kb_suggestion_opens_time ON kb_suggestion_opens (opened_at);

-- Settings admins change in the app, one row each (`public_knowledge`: "on" lets people without
-- an account read the published articles).
CREATE TABLE settings (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Knowledge-base search (SQLite; twin in ../postgres/). The app stems every word with its
-- language's Snowball stemmer (backend::search) and stores the stems: `search_title`,
-- `search_summary`, and `search_text` (title, summary and body). FTS5 indexes `search_text` as it
-- is (lower-case words split at spaces; no stemming or folding of its own), as PostgreSQL's
-- `simple` configuration does, so both find the same articles. `index_version` below the app's
-- `INDEX_VERSION` makes the app index the article again at start-up (all of them, now).
ALTER TABLE kb_articles ADD COLUMN search_summary TEXT NOT NULL DEFAULT '';
ALTER TABLE kb_articles ADD COLUMN index_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kb_articles ADD COLUMN category TEXT NOT NULL DEFAULT 'user_guides';
-- Versions of one article in other languages share a group (none: no translations).
ALTER TABLE kb_articles ADD COLUMN translation_group INTEGER;
CREATE INDEX kb_articles_translations ON kb_articles (translation_group, language);

CREATE VIRTUAL TABLE kb_search USING fts5(
    search_text,
    content = 'kb_articles',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO kb_search (kb_search) VALUES ('rebuild');

CREATE TRIGGER kb_articles_search_insert AFTER INSERT ON kb_articles BEGIN
    INSERT INTO kb_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER kb_articles_search_delete AFTER DELETE ON kb_articles BEGIN
    INSERT INTO kb_search (kb_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER kb_articles_search_update AFTER UPDATE OF search_text ON kb_articles BEGIN
    INSERT INTO kb_search (kb_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO kb_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE INDEX kb_articles_listing ON kb_articles (published, category, language, updated_at);

-- Which products an article is about (the knowledge base's product filter and browsing).
CREATE TABLE kb_article_products (
    article_id INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, product_id)
);
CREATE INDEX kb_article_products_product ON kb_article_products (product_id, article_id);

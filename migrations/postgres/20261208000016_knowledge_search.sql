-- Knowledge-base search (PostgreSQL; twin in ../sqlite/). The app stems every word with its
-- language's Snowball stemmer (backend::search) and stores the stems: `search_title`,
-- `search_summary`, and `search_text` (title, summary and body). The `simple` text-search
-- configuration only splits and lower-cases them (no stemming of its own), as SQLite's FTS5 table
-- does, so both find the same articles. `index_version` below the app's `INDEX_VERSION` makes the
-- app index the article again at start-up (all of them, now).
ALTER TABLE kb_articles ADD COLUMN search_summary TEXT NOT NULL DEFAULT '';
ALTER TABLE kb_articles ADD COLUMN index_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kb_articles ADD COLUMN category TEXT NOT NULL DEFAULT 'user_guides';
-- Versions of one article in other languages share a group (none: no translations).
ALTER TABLE kb_articles ADD COLUMN translation_group BIGINT;
CREATE INDEX kb_articles_translations ON kb_articles (translation_group, language);
ALTER TABLE kb_articles ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
CREATE INDEX kb_articles_search ON kb_articles USING GIN (search_vector);

CREATE INDEX kb_articles_listing ON kb_articles (published, category, language, updated_at);

-- Which products an article is about (the knowledge base's product filter and browsing).
CREATE TABLE kb_article_products (
    article_id BIGINT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, product_id)
);
CREATE INDEX kb_article_products_product ON kb_article_products (product_id, article_id);

-- newsflow's analyst views over the lake. {articles}, {quotes}, {rejects}, ... stand for
-- the Parquet of each dataset (<data_root>/<dataset>/dt=*/source=*/*.parquet, read with
-- hive partitioning: dt DATE and source VARCHAR columns, pruned by filters on them).
-- Every dataset already has a view of its own name with all its rows (store/catalog.py);
-- the views below refine and combine them.

-- every version of every article: one row per article and news day it landed on
CREATE OR REPLACE VIEW articles_all AS SELECT * FROM {articles};

-- the latest version of each article across days
CREATE OR REPLACE VIEW articles AS
SELECT * FROM articles_all
QUALIFY row_number() OVER (
    PARTITION BY article_id ORDER BY dt DESC, fetched_at DESC NULLS LAST, source
) = 1;

-- quotes and mentions of the latest version of each article
CREATE OR REPLACE VIEW quotes_all AS SELECT * FROM {quotes};
CREATE OR REPLACE VIEW quotes AS
SELECT q.* FROM quotes_all q
WHERE EXISTS (
    SELECT 1 FROM articles a
    WHERE a.article_id = q.article_id AND a.dt = q.dt AND a.source = q.source
);

CREATE OR REPLACE VIEW mentions_all AS SELECT * FROM {mentions};
CREATE OR REPLACE VIEW mentions AS
SELECT m.* FROM mentions_all m
WHERE EXISTS (
    SELECT 1 FROM articles a
    WHERE a.article_id = m.article_id AND a.dt = m.dt AND a.source = m.source
);

CREATE OR REPLACE VIEW rejects AS SELECT * FROM {rejects};

-- one row per resolved speaker
CREATE OR REPLACE VIEW speakers AS
SELECT
    speaker,
    count(*) AS quotes,
    min(dt) AS first_seen,
    max(dt) AS last_seen,
    list(DISTINCT source ORDER BY source) AS sources,
    coalesce(
        list(DISTINCT speaker_title ORDER BY speaker_title)
            FILTER (WHERE speaker_title IS NOT NULL),
        []::VARCHAR[]
    ) AS titles
FROM quotes
WHERE speaker IS NOT NULL
GROUP BY speaker;

-- each quote with the mention of its speaker in the same article (NULL: not named there)
CREATE OR REPLACE VIEW speaker_mentions AS
SELECT
    q.quote_id, q.article_id, q.dt, q.source, q.speaker,
    m.mention_id, m.kind AS mention_kind, m.count AS mentions, m.first_char AS first_mention_char
FROM quotes q
LEFT JOIN mentions m
    ON m.article_id = q.article_id AND m.dt = q.dt AND m.source = q.source
    AND m.name = q.speaker
WHERE q.speaker IS NOT NULL;

-- what landed per news day and source
CREATE OR REPLACE VIEW daily_stats AS
WITH a AS (
    SELECT dt, source, count(*) AS articles, median(word_count) AS median_words
    FROM articles_all GROUP BY ALL
), q AS (
    SELECT dt, source, count(*) AS quotes FROM quotes_all GROUP BY ALL
), r AS (
    SELECT dt, source, count(*) AS rejects FROM rejects GROUP BY ALL
), days AS (
    SELECT dt, source FROM a UNION SELECT dt, source FROM q UNION SELECT dt, source FROM r
)
SELECT
    days.dt,
    days.source,
    coalesce(a.articles, 0) AS articles,
    coalesce(q.quotes, 0) AS quotes,
    coalesce(r.rejects, 0) AS rejects,
    a.median_words
FROM days
LEFT JOIN a USING (dt, source)
LEFT JOIN q USING (dt, source)
LEFT JOIN r USING (dt, source);

-- one row per URL a web source fetched or refused (listings, robots.txt, articles):
-- final_url, status, attempts, bytes, elapsed_ms, from_cache, error_type, error, kind
CREATE OR REPLACE VIEW fetch_log AS SELECT * FROM {fetch_log};

-- one row per run and source (the latest run of each news day): discovered documents and
-- what became of them (articles + duplicates + rejects + fetch_failures = discovered),
-- quotes, mentions, listing_failures, extractor_version, started_at / published_at and
-- the milliseconds each step took (discover_ms, fetch_ms, extract_ms, publish_ms)
CREATE OR REPLACE VIEW runs AS SELECT * FROM {runs};

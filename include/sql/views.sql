-- newsflow's analyst views over the lake. {articles}, {quotes}, {rejects} stand for the
-- Parquet of each dataset (<data_root>/<dataset>/dt=*/source=*/*.parquet, read with
-- hive partitioning: dt DATE and source VARCHAR columns, pruned by filters on them).
CREATE OR REPLACE VIEW articles AS SELECT * FROM {articles};
CREATE OR REPLACE VIEW quotes AS SELECT * FROM {quotes};
CREATE OR REPLACE VIEW rejects AS SELECT * FROM {rejects};

-- one row per URL a web source fetched or refused (listings, robots.txt, articles):
-- final_url, status, attempts, bytes, elapsed_ms, from_cache, error_type, error, kind
CREATE OR REPLACE VIEW fetch_log AS SELECT * FROM {fetch_log};

-- Who quoted whom across sources: each publisher and the people it quoted, with the
-- speakers that more than one source quoted first.
with pairs as (
    select coalesce(a.publisher, a.source) as publisher, q.speaker,
           count(*) as quotes, count(distinct q.article_id) as articles
    from quotes q join articles a using (article_id, dt, source)
    where q.speaker is not null
    group by all
)
select publisher, speaker, quotes, articles,
       count(*) over (partition by speaker) as publishers_quoting
from pairs
order by publishers_quoting desc, speaker, quotes desc;

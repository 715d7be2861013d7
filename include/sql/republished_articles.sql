-- Republished articles: the same article id landing on more than one news day or source
-- (the articles view keeps the latest; articles_all keeps every version).
select article_id, any_value(title) as title, count(*) as versions,
       list(dt order by dt) as days, list(distinct source order by source) as sources,
       count(distinct content_hash) as distinct_texts
from articles_all
group by article_id
having count(*) > 1
order by versions desc, title;

-- People in the news: the most mentioned people, and how many articles named them.
select name, sum(count) as mentions, count(distinct article_id) as articles,
       list(distinct source order by source) as sources, max(dt) as last_seen
from mentions
where kind = 'person'
group by name
order by mentions desc, name
limit 25;

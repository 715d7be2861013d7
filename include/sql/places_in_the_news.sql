-- Places in the news: countries, cities and regions by the articles that name them.
select name as place, count(distinct article_id) as articles, sum(count) as mentions
from mentions
where kind = 'place'
group by name
order by articles desc, mentions desc, place
limit 25;

-- Daily volume over the last 30 news days: articles, quotes and rejects per source.
select dt, source, articles, quotes, rejects, median_words,
       round(rejects / nullif(articles + rejects, 0), 3) as reject_rate
from daily_stats
where dt > (select max(dt) from daily_stats) - interval 30 day
order by dt desc, source;

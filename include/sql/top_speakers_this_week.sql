-- Top speakers this week: who was quoted most in the seven news days up to the latest.
select speaker, count(*) as quotes, count(distinct article_id) as articles,
       list(distinct source order by source) as sources
from quotes
where speaker is not null
  and dt > (select max(dt) from quotes) - interval 7 day
group by speaker
order by quotes desc, speaker
limit 20;

-- New speakers today: people quoted on the latest news day and never before.
select speaker, quotes, sources, titles
from speakers
where first_seen = (select max(dt) from quotes)
order by quotes desc, speaker;

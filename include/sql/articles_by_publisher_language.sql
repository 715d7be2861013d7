-- Articles by publisher and language, with their size and quotes.
select coalesce(publisher, '(unknown)') as publisher, coalesce(language, '?') as language,
       count(*) as articles, sum(quote_count) as quotes,
       cast(median(word_count) as integer) as median_words,
       min(dt) as first_day, max(dt) as last_day
from articles
group by all
order by articles desc, publisher;

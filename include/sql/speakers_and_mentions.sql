-- Speakers and their mentions: how often each quoted person is named in the articles
-- that quote them; a speaker with no mention is worth a look (a pronoun left unresolved
-- or a name the mention rules missed).
select speaker, count(*) as quotes, count(mention_id) as quotes_with_mention,
       max(mentions) as most_mentions_in_one_article, any_value(mention_kind) as kind
from speaker_mentions
group by speaker
order by quotes desc, speaker;

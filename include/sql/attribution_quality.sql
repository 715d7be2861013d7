-- Attribution quality per source: the share of quotes with a speaker, how they were
-- named (a name, a title, a pronoun) and the mean confidence.
select source, count(*) as quotes,
       round(avg(case when speaker is not null then 1 else 0 end), 3) as with_speaker,
       round(avg(case when lower(speaker_mention) in ('he', 'she', 'they') then 1 else 0 end), 3)
           as by_pronoun,
       round(avg(confidence), 3) as mean_confidence,
       list(distinct kind order by kind) as kinds
from quotes
group by source
order by quotes desc;

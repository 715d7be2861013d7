-- Organisations in the news, with the people most often named in the same articles.
with orgs as (
    select article_id, name as organization, count from mentions where kind = 'organization'
), people as (
    select article_id, name as person from mentions where kind = 'person'
)
select o.organization, count(distinct o.article_id) as articles, sum(o.count) as mentions,
       list(distinct p.person order by p.person) filter (where p.person is not null) as named_with
from orgs o left join people p using (article_id)
group by o.organization
order by articles desc, mentions desc, o.organization
limit 25;

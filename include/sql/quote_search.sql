-- Quote search: every quote that contains a phrase (edit the pattern), newest first,
-- with who said it and where.
select q.dt, q.speaker, q.text, a.title, a.publisher, a.url
from quotes q join articles a using (article_id, dt, source)
where q.text ilike '%' || 'connectivity' || '%'
order by q.dt desc, q.speaker;

-- Reject reasons: why documents did not become articles, per source and stage.
select source, stage, error_type, count(*) as documents,
       any_value(message) as example, max(dt) as last_seen
from rejects
group by all
order by documents desc, source, error_type;

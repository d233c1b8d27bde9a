-- Realistic volumes for load runs: :numbers numbers, :users users, :contacts contacts (psql variables).
-- Numbers: most do everything, some lack MMS or are voice-only, a few are released.
insert into numbers (e164, sid, friendly_name, capabilities, is_released, created_at)
select '+1202' || lpad(n::text, 7, '0'), 'PN' || md5(n::text), 'Line ' || n,
       case when n % 10 = 0 then 4 when n % 7 = 0 then 5 else 7 end, n % 50 = 0, now()
from generate_series(1, :numbers) n;

insert into "AspNetUsers" (id, display_name, is_active, created_at, user_name, normalized_user_name, email,
    normalized_email, email_confirmed, security_stamp, concurrency_stamp, phone_number_confirmed,
    two_factor_enabled, lockout_enabled, access_failed_count, inbound_number_id)
select 'load-user-' || u, 'Agent ' || u, true, now(), 'agent' || u || '@load.example', upper('agent' || u || '@load.example'),
       'agent' || u || '@load.example', upper('agent' || u || '@load.example'), true, md5(u::text), md5(u::text), false,
       false, true, 0,
       case when u % 3 = 0 or u > :numbers then null else u end
from generate_series(1, :users) u;

update account_settings set default_outbound_number_id = (select min(id) from numbers) where id = 1;

insert into contacts (external_id, first_name, last_name, email, phone, assigned_user_id, previous_number_id,
    created_at, imported_at)
select 'ld_' || c, 'First' || (c % 997), 'Last' || (c % 1009), 'contact' || c || '@load.example',
       '+1' || (2020000000 + c)::text,
       case when c % 5 < 3 then 'load-user-' || (1 + c % :users) end,
       case when c % 2 = 0 then (select min(id) from numbers) + (c % :numbers) end,
       now() - (c || ' minutes')::interval, now()
from generate_series(1, :contacts) c;

-- Vacuum as well as analyze: otherwise autovacuum visits the new million rows during the measurement.
vacuum analyze;

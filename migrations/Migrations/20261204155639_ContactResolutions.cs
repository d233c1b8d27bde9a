using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Database.Migrations;

/// <summary>
/// The rules of DESIGN.md §1 in SQL: effective_rule picks the rule for one contact and channel from its facts,
/// and the view contact_resolutions gives every contact's effective SMS and voice number and rule. Nothing is
/// stored: the view reads the current inputs each time.
/// </summary>
public partial class ContactResolutions : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // An absent number has null facts; "null = false" is not true, so the rule falls through, as in C#.
        migrationBuilder.Sql("""
            create function effective_rule(
                assigned boolean,
                inbound_released boolean, inbound_capabilities integer,
                previous_released boolean, previous_capabilities integer,
                default_released boolean, default_capabilities integer,
                capability integer) returns integer
            language sql immutable parallel safe
            return case
                when assigned and inbound_released = false and (inbound_capabilities & capability) <> 0 then 1
                when previous_released = false and (previous_capabilities & capability) <> 0 then 2
                when assigned and default_released = false and (default_capabilities & capability) <> 0 then 3
                when not assigned and default_released = false and (default_capabilities & capability) <> 0
                    then 4
                else 5
            end;
            """);

        migrationBuilder.Sql("""
            create view contact_resolutions as
            select facts.contact_id,
                   facts.sms_rule,
                   case facts.sms_rule when 1 then facts.inbound_id when 2 then facts.previous_id
                       when 3 then facts.default_id when 4 then facts.default_id end as sms_number_id,
                   facts.voice_rule,
                   case facts.voice_rule when 1 then facts.inbound_id when 2 then facts.previous_id
                       when 3 then facts.default_id when 4 then facts.default_id end as voice_number_id
            from (
                select c.id as contact_id, i.id as inbound_id, p.id as previous_id, d.id as default_id,
                       effective_rule(c.assigned_user_id is not null, i.is_released, i.capabilities,
                           p.is_released, p.capabilities, d.is_released, d.capabilities, 1) as sms_rule,
                       effective_rule(c.assigned_user_id is not null, i.is_released, i.capabilities,
                           p.is_released, p.capabilities, d.is_released, d.capabilities, 4) as voice_rule
                from contacts c
                left join "AspNetUsers" u on u.id = c.assigned_user_id
                left join numbers i on i.id = u.inbound_number_id
                left join numbers p on p.id = c.previous_number_id
                left join account_settings s on s.id = 1
                left join numbers d on d.id = s.default_outbound_number_id
            ) facts;
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("drop view contact_resolutions;");
        migrationBuilder.Sql("drop function effective_rule;");
    }
}

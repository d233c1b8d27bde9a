using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Database.Migrations;

/// <inheritdoc />
public partial class DomainTables : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTimeOffset>(
            name: "config_updated_at",
            table: "AspNetUsers",
            type: "timestamp with time zone",
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "config_updated_by",
            table: "AspNetUsers",
            type: "text",
            nullable: true);

        migrationBuilder.AddColumn<long>(
            name: "inbound_number_id",
            table: "AspNetUsers",
            type: "bigint",
            nullable: true);

        migrationBuilder.AddColumn<uint>(
            name: "xmin",
            table: "AspNetUsers",
            type: "xid",
            rowVersion: true,
            nullable: false,
            defaultValue: 0u);

        migrationBuilder.CreateTable(
            name: "api_keys",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                name = table.Column<string>(type: "text", nullable: false),
                prefix = table.Column<string>(type: "text", nullable: false),
                hash = table.Column<string>(type: "text", nullable: false),
                scope = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                created_by = table.Column<string>(type: "text", nullable: false),
                revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_api_keys", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "audit_events",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                actor_id = table.Column<string>(type: "text", nullable: true),
                actor = table.Column<string>(type: "text", nullable: false),
                action = table.Column<string>(type: "text", nullable: false),
                subject = table.Column<string>(type: "text", nullable: false),
                numbers = table.Column<string[]>(type: "text[]", nullable: false),
                before = table.Column<string>(type: "text", nullable: true),
                after = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_audit_events", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "numbers",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                e164 = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                sid = table.Column<string>(type: "text", nullable: true),
                friendly_name = table.Column<string>(type: "text", nullable: true),
                capabilities = table.Column<int>(type: "integer", nullable: false),
                is_released = table.Column<bool>(type: "boolean", nullable: false),
                released_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_numbers", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "account_settings",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false),
                default_outbound_number_id = table.Column<long>(type: "bigint", nullable: true),
                updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                updated_by = table.Column<string>(type: "text", nullable: true),
                xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_account_settings", x => x.id);
                table.ForeignKey(
                    name: "fk_account_settings_numbers_default_outbound_number_id",
                    column: x => x.default_outbound_number_id,
                    principalTable: "numbers",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "contacts",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                external_id = table.Column<string>(type: "text", nullable: false),
                first_name = table.Column<string>(type: "text", nullable: false),
                last_name = table.Column<string>(type: "text", nullable: false),
                email = table.Column<string>(type: "text", nullable: true),
                phone = table.Column<string>(type: "text", nullable: true),
                company = table.Column<string>(type: "text", nullable: true),
                tags = table.Column<string>(type: "text", nullable: true),
                assigned_user_id = table.Column<string>(type: "text", nullable: true),
                assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                previous_number_id = table.Column<long>(type: "bigint", nullable: true),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_contacts", x => x.id);
                table.ForeignKey(
                    name: "fk_contacts_numbers_previous_number_id",
                    column: x => x.previous_number_id,
                    principalTable: "numbers",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_contacts_users_assigned_user_id",
                    column: x => x.assigned_user_id,
                    principalTable: "AspNetUsers",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "assignment_changes",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                contact_id = table.Column<long>(type: "bigint", nullable: false),
                from_user_id = table.Column<string>(type: "text", nullable: true),
                to_user_id = table.Column<string>(type: "text", nullable: true),
                changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                changed_by = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_assignment_changes", x => x.id);
                table.ForeignKey(
                    name: "fk_assignment_changes_contacts_contact_id",
                    column: x => x.contact_id,
                    principalTable: "contacts",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "sends",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                contact_id = table.Column<long>(type: "bigint", nullable: false),
                from_number_id = table.Column<long>(type: "bigint", nullable: false),
                to = table.Column<string>(type: "text", nullable: true),
                channel = table.Column<string>(type: "text", nullable: false),
                sid = table.Column<string>(type: "text", nullable: true),
                status = table.Column<string>(type: "text", nullable: false),
                counts = table.Column<bool>(type: "boolean", nullable: false, computedColumnSql: "status not in ('failed', 'canceled', 'unknown')", stored: true),
                sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                rule = table.Column<string>(type: "text", nullable: true),
                trace = table.Column<string>(type: "jsonb", nullable: true),
                source = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_sends", x => x.id);
                table.ForeignKey(
                    name: "fk_sends_contacts_contact_id",
                    column: x => x.contact_id,
                    principalTable: "contacts",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "fk_sends_numbers_from_number_id",
                    column: x => x.from_number_id,
                    principalTable: "numbers",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.InsertData(
            table: "account_settings",
            columns: new[] { "id", "default_outbound_number_id", "updated_at", "updated_by" },
            values: new object[] { 1, null, null, null });

        migrationBuilder.CreateIndex(
            name: "ix_asp_net_users_inbound_number_id",
            table: "AspNetUsers",
            column: "inbound_number_id",
            unique: true,
            filter: "inbound_number_id is not null");

        migrationBuilder.CreateIndex(
            name: "ix_account_settings_default_outbound_number_id",
            table: "account_settings",
            column: "default_outbound_number_id");

        migrationBuilder.CreateIndex(
            name: "ix_api_keys_hash",
            table: "api_keys",
            column: "hash",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_assignment_changes_contact_id_changed_at",
            table: "assignment_changes",
            columns: new[] { "contact_id", "changed_at" });

        migrationBuilder.CreateIndex(
            name: "ix_audit_events_actor",
            table: "audit_events",
            column: "actor");

        migrationBuilder.CreateIndex(
            name: "ix_audit_events_numbers",
            table: "audit_events",
            column: "numbers")
            .Annotation("Npgsql:IndexMethod", "gin");

        migrationBuilder.CreateIndex(
            name: "ix_audit_events_occurred_at",
            table: "audit_events",
            column: "occurred_at");

        migrationBuilder.CreateIndex(
            name: "ix_contacts_assigned_user_id",
            table: "contacts",
            column: "assigned_user_id");

        migrationBuilder.CreateIndex(
            name: "ix_contacts_created_at",
            table: "contacts",
            column: "created_at");

        migrationBuilder.CreateIndex(
            name: "ix_contacts_email",
            table: "contacts",
            column: "email",
            unique: true,
            filter: "email is not null");

        migrationBuilder.CreateIndex(
            name: "ix_contacts_external_id",
            table: "contacts",
            column: "external_id",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_contacts_last_name_first_name_id",
            table: "contacts",
            columns: new[] { "last_name", "first_name", "id" });

        migrationBuilder.CreateIndex(
            name: "ix_contacts_phone",
            table: "contacts",
            column: "phone",
            unique: true,
            filter: "phone is not null");

        migrationBuilder.CreateIndex(
            name: "ix_contacts_previous_number_id",
            table: "contacts",
            column: "previous_number_id");

        migrationBuilder.CreateIndex(
            name: "ix_numbers_e164",
            table: "numbers",
            column: "e164",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_sends_contact_id_sent_at_id",
            table: "sends",
            columns: new[] { "contact_id", "sent_at", "id" });

        migrationBuilder.CreateIndex(
            name: "ix_sends_from_number_id",
            table: "sends",
            column: "from_number_id");

        migrationBuilder.CreateIndex(
            name: "ix_sends_sid",
            table: "sends",
            column: "sid",
            unique: true,
            filter: "sid is not null");

        migrationBuilder.AddForeignKey(
            name: "fk_asp_net_users_numbers_inbound_number_id",
            table: "AspNetUsers",
            column: "inbound_number_id",
            principalTable: "numbers",
            principalColumn: "id",
            onDelete: ReferentialAction.Restrict);

        // Audit rows are evidence: nothing, not even the application, may change or remove them.
        migrationBuilder.Sql("""
            create function audit_events_are_append_only() returns trigger language plpgsql as $$
            begin
                raise exception 'audit events are never updated or deleted';
            end $$;
            create trigger audit_events_append_only before update or delete on audit_events
                for each row execute function audit_events_are_append_only();
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            drop trigger if exists audit_events_append_only on audit_events;
            drop function if exists audit_events_are_append_only();
            """);

        migrationBuilder.DropForeignKey(
            name: "fk_asp_net_users_numbers_inbound_number_id",
            table: "AspNetUsers");

        migrationBuilder.DropTable(
            name: "account_settings");

        migrationBuilder.DropTable(
            name: "api_keys");

        migrationBuilder.DropTable(
            name: "assignment_changes");

        migrationBuilder.DropTable(
            name: "audit_events");

        migrationBuilder.DropTable(
            name: "sends");

        migrationBuilder.DropTable(
            name: "contacts");

        migrationBuilder.DropTable(
            name: "numbers");

        migrationBuilder.DropIndex(
            name: "ix_asp_net_users_inbound_number_id",
            table: "AspNetUsers");

        migrationBuilder.DropColumn(
            name: "config_updated_at",
            table: "AspNetUsers");

        migrationBuilder.DropColumn(
            name: "config_updated_by",
            table: "AspNetUsers");

        migrationBuilder.DropColumn(
            name: "inbound_number_id",
            table: "AspNetUsers");

        migrationBuilder.DropColumn(
            name: "xmin",
            table: "AspNetUsers");
    }
}

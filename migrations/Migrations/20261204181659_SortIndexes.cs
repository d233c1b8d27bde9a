using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Database.Migrations;

/// <inheritdoc />
public partial class SortIndexes : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(
            name: "ix_contacts_assigned_user_id",
            table: "contacts");

        migrationBuilder.CreateIndex(
            name: "ix_contacts_assigned_user_id_id",
            table: "contacts",
            columns: new[] { "assigned_user_id", "id" });

        migrationBuilder.CreateIndex(
            name: "ix_contacts_phone_id",
            table: "contacts",
            columns: new[] { "phone", "id" });

        migrationBuilder.CreateIndex(
            name: "ix_asp_net_users_display_name_id",
            table: "AspNetUsers",
            columns: new[] { "display_name", "id" });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(
            name: "ix_contacts_assigned_user_id_id",
            table: "contacts");

        migrationBuilder.DropIndex(
            name: "ix_contacts_phone_id",
            table: "contacts");

        migrationBuilder.DropIndex(
            name: "ix_asp_net_users_display_name_id",
            table: "AspNetUsers");

        migrationBuilder.CreateIndex(
            name: "ix_contacts_assigned_user_id",
            table: "contacts",
            column: "assigned_user_id");
    }
}

using System.Net.Mail;
using CsvHelper;
using Microsoft.AspNetCore.Identity;
using Portal.Database.Identity;

namespace Portal.Features.Users;

/// <summary>
/// Creates portal users from a CSV with the columns Name, Email, Role and Inbound Number (matched by header,
/// in any letter case). A bad row is reported with its line and column and the rest of the file is imported;
/// a user whose email already has an account is left as it is, so importing a file twice changes nothing.
/// </summary>
public sealed class UserCsvImport(UserManager<PortalUser> users, RoleManager<IdentityRole> roles)
{
    public sealed record Problem(int Line, string Column, string Message);

    public sealed record Result(int Created, int AlreadyPresent, IReadOnlyList<Problem> Problems);

    public async Task<Result> ImportAsync(TextReader csv, string initialPassword, CancellationToken cancellationToken)
    {
        await Infrastructure.PortalRoleSetup.EnsureRolesAsync(roles);

        var problems = new List<Problem>();
        var created = 0;
        var alreadyPresent = 0;
        foreach (var row in ReadRows(csv, problems))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await users.FindByEmailAsync(row.Email) is not null)
            {
                alreadyPresent++;
                continue;
            }

            var user = new PortalUser
            {
                UserName = row.Email,
                Email = row.Email,
                EmailConfirmed = true,
                DisplayName = row.Name,
            };
            var result = await users.CreateAsync(user, initialPassword);
            if (!result.Succeeded)
            {
                problems.Add(new Problem(row.Line, "Email", string.Join(" ", result.Errors.Select(e => e.Description))));
                continue;
            }

            await users.AddToRoleAsync(user, row.Role);
            created++;
        }

        return new Result(created, alreadyPresent, problems);
    }

    private sealed record Row(int Line, string Name, string Email, string Role);

    private static IEnumerable<Row> ReadRows(TextReader csv, List<Problem> problems)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            NormalizeHeaderName = header => header.Trim().ToLowerInvariant(),
        };
        using var reader = CsvReader.Create(csv, options, leaveOpen: true);

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var headerChecked = false;
        while (reader.Read())
        {
            if (!headerChecked)
            {
                if (MissingColumns(reader) is { Count: > 0 } missing)
                {
                    problems.Add(new Problem(1, "(header)", $"The header lacks the column(s) {string.Join(", ", missing)}. "
                                                            + "Expected: Name, Email, Role, Inbound Number."));
                    yield break;
                }

                headerChecked = true;
            }

            var line = (int)reader.LineNumber;
            var row = ReadRow(reader, line, problems);
            if (row is null)
            {
                continue;
            }

            if (!seen.Add(row.Email))
            {
                problems.Add(new Problem(line, "Email", $"{row.Email} appears on an earlier row; this row is skipped."));
                continue;
            }

            yield return row;
        }
    }

    private static List<string> MissingColumns(CsvReader reader) =>
        new[] { "name", "email", "role" }.Where(column => !reader.TryGetFieldIndex(column, out _)).ToList();

    private static Row? ReadRow(CsvReader reader, int line, List<Problem> problems)
    {
        var name = reader.GetString("name").Trim();
        var email = reader.GetString("email").Trim();
        var roleText = reader.GetString("role").Trim();

        if (!MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            problems.Add(new Problem(line, "Email", $"'{email}' is not an email address; each user needs one to log in."));
            return null;
        }

        if (PortalRoles.Find(roleText) is not { } role)
        {
            problems.Add(new Problem(line, "Role", $"'{roleText}' is not a role; use Admin, Support or Agent."));
            return null;
        }

        return new Row(line, name.Length > 0 ? name : email, email, role);
    }
}

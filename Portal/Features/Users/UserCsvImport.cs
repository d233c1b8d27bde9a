using System.Net.Mail;
using CsvHelper;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Identity;
using Portal.Features.Audit;
using Portal.Infrastructure;

namespace Portal.Features.Users;

/// <summary>
/// Creates portal users from a CSV with the columns Name, Email, Role and Inbound Number (matched by header,
/// in any letter case). A bad row is reported with its line and column and the rest of the file is imported;
/// a user whose email already has an account is left as it is, so importing a file twice changes nothing.
/// </summary>
/// <remarks>
/// The inbound number is matched against the account's numbers after its spelling is normalised (default region
/// from Phones:DefaultRegion, US when unset). A user who has no inbound number yet gets the one in the file, so a
/// file imported before the numbers were synced sets them when imported again; a user who already has a number keeps
/// it. Each row is one transaction with its audit events.
/// </remarks>
public sealed class UserCsvImport(
    UserManager<PortalUser> users, RoleManager<IdentityRole> roles, PortalDbContext db, IConfiguration configuration)
{
    public const string InboundColumn = "Inbound Number";

    public sealed record Problem(int Line, string Column, string Message);

    public sealed record Result(int Created, int AlreadyPresent, IReadOnlyList<Problem> Problems, int InboundSet = 0);

    private string Region => configuration["Phones:DefaultRegion"] is { Length: > 0 } region
        ? region
        : NumberSpelling.DefaultRegion;

    public Task<Result> ImportAsync(TextReader csv, string initialPassword, CancellationToken cancellationToken) =>
        ImportAsync(csv, initialPassword, Actor.System("import"), cancellationToken);

    public async Task<Result> ImportAsync(
        TextReader csv, string initialPassword, Actor actor, CancellationToken cancellationToken)
    {
        await PortalRoleSetup.EnsureRolesAsync(roles);

        var problems = new List<Problem>();
        var created = 0;
        var alreadyPresent = 0;
        var inboundSet = 0;
        foreach (var row in ReadRows(csv, problems))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await ImportRowAsync(row, initialPassword, actor, problems, cancellationToken);
            created += outcome == RowOutcome.Created || outcome == RowOutcome.CreatedWithInbound ? 1 : 0;
            alreadyPresent += outcome == RowOutcome.Present || outcome == RowOutcome.PresentGotInbound ? 1 : 0;
            inboundSet += outcome == RowOutcome.CreatedWithInbound || outcome == RowOutcome.PresentGotInbound ? 1 : 0;
        }

        return new Result(created, alreadyPresent, problems, inboundSet);
    }

    private enum RowOutcome
    {
        Refused,
        Created,
        CreatedWithInbound,
        Present,
        PresentGotInbound,
    }

    /// <summary>One row in one transaction: the user, their inbound number and the audit events, or nothing.</summary>
    private async Task<RowOutcome> ImportRowAsync(
        Row row, string initialPassword, Actor actor, List<Problem> problems, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var user = await users.FindByEmailAsync(row.Email);
            var wasPresent = user is not null;
            user ??= await CreateAsync(row, initialPassword, actor, problems);
            if (user is null)
            {
                return RowOutcome.Refused;
            }

            var gotInbound = await SetInboundAsync(row, user, actor, problems, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (wasPresent, gotInbound) switch
            {
                (true, true) => RowOutcome.PresentGotInbound,
                (true, false) => RowOutcome.Present,
                (false, true) => RowOutcome.CreatedWithInbound,
                (false, false) => RowOutcome.Created,
            };
        }
        catch (DbUpdateException exception) when (UserAccounts.IsInboundIndexViolation(exception))
        {
            // Someone else took the number between this row's check and its save; the row's transaction is undone.
            db.ChangeTracker.Clear();
            problems.Add(new Problem(row.Line, InboundColumn,
                $"'{row.Inbound}' became another user's inbound number during the import, so this row changed "
                + "nothing. Import the file again to see who holds it."));
            return RowOutcome.Refused;
        }
    }

    private async Task<PortalUser?> CreateAsync(Row row, string initialPassword, Actor actor, List<Problem> problems)
    {
        var user = new PortalUser
        {
            UserName = row.Email,
            Email = row.Email,
            EmailConfirmed = true,
            DisplayName = row.Name,
            ConfigUpdatedAt = DateTimeOffset.UtcNow,
            ConfigUpdatedBy = actor.Name,
        };
        var result = await users.CreateAsync(user, initialPassword);
        if (!result.Succeeded)
        {
            problems.Add(new Problem(row.Line, "Email", string.Join(" ", result.Errors.Select(e => e.Description))));
            return null;
        }

        await users.AddToRoleAsync(user, row.Role);
        AuditTrail.Record(db, actor, "user.created", row.Email, [], null, $"{user.DisplayName}, {row.Role}");
        return user;
    }

    /// <summary>Gives the user the row's inbound number when it is one of the account's free, active numbers.</summary>
    private async Task<bool> SetInboundAsync(
        Row row, PortalUser user, Actor actor, List<Problem> problems, CancellationToken cancellationToken)
    {
        if (row.Inbound.Length == 0)
        {
            return false;
        }

        var refusal = await InboundRefusalAsync(row, user, cancellationToken);
        if (refusal is Refusal.Reason(var message))
        {
            problems.Add(new Problem(row.Line, InboundColumn, message));
            return false;
        }

        if (refusal is not Refusal.Settable(var number))
        {
            return false;
        }

        user.InboundNumberId = number.Id;
        user.ConfigUpdatedAt = DateTimeOffset.UtcNow;
        user.ConfigUpdatedBy = actor.Name;
        var after = new InboundNumberChoice(number.Id, number.E164, number.Capabilities, number.IsReleased);
        AuditTrail.Record(db, actor, "inbound-number.set", row.Email, [number.E164], "none", after.ToString());
        return true;
    }

    private abstract record Refusal
    {
        public sealed record Reason(string Message) : Refusal;

        public sealed record Settable(Database.Numbers.TwilioNumber Number) : Refusal;

        public sealed record AlreadySet : Refusal;
    }

    private async Task<Refusal> InboundRefusalAsync(Row row, PortalUser user, CancellationToken cancellationToken)
    {
        if (NumberSpelling.ToE164(row.Inbound, Region) is not { } e164)
        {
            return new Refusal.Reason($"'{row.Inbound}' is not a phone number; write it as +12025550123 or "
                                      + "(202) 555-0123.");
        }

        var number = await db.Numbers.AsNoTracking().SingleOrDefaultAsync(n => n.E164 == e164, cancellationToken);
        if (number is null)
        {
            return new Refusal.Reason($"{NumberSpelling.Spaced(e164)} is not one of the account's numbers; sync "
                                      + "the numbers from Twilio first, or correct the number.");
        }

        if (user.InboundNumberId == number.Id)
        {
            return new Refusal.AlreadySet();
        }

        if (number.IsReleased)
        {
            return new Refusal.Reason($"{NumberSpelling.Spaced(e164)} is released: the account no longer owns it.");
        }

        if (!user.IsActive)
        {
            return new Refusal.Reason($"{row.Email} is deactivated and cannot hold an inbound number.");
        }

        if (user.InboundNumberId is not null)
        {
            return new Refusal.Reason($"{row.Email} already has another inbound number; change it on the Users page.");
        }

        var holder = await db.Users.AsNoTracking().Where(u => u.InboundNumberId == number.Id)
            .Select(u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email)
            .FirstOrDefaultAsync(cancellationToken);
        return holder is null
            ? new Refusal.Settable(number)
            : new Refusal.Reason(UserAccounts.HeldBy(e164, holder ?? ""));
    }

    private sealed record Row(int Line, string Name, string Email, string Role, string Inbound);

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
                    problems.Add(new Problem(1, "(header)",
                        $"The header lacks the column(s) {string.Join(", ", missing)}. "
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
                problems.Add(new Problem(line, "Email",
                    $"{row.Email} appears on an earlier row; this row is skipped."));
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
        var inbound = reader.TryGetFieldIndex("inbound number", out _) ? reader.GetString("inbound number").Trim() : "";

        if (!MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            problems.Add(new Problem(line, "Email",
                $"'{email}' is not an email address; each user needs one to log in."));
            return null;
        }

        if (PortalRoles.Find(roleText) is not { } role)
        {
            problems.Add(new Problem(line, "Role", $"'{roleText}' is not a role; use Admin, Support or Agent."));
            return null;
        }

        return new Row(line, name.Length > 0 ? name : email, email, role, inbound);
    }
}

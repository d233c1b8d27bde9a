using System.Security.Claims;
using Portal.Features.Live;

namespace Portal.Features.Users;

public sealed partial class UserAccounts
{
    /// <summary>
    /// Imports a users CSV for an admin. Every created user gets the same initial password: the one given, or a
    /// generated one that the result carries to be shown once.
    /// </summary>
    public async Task<(UserCsvImport.Result Result, string InitialPassword)> ImportAsync(
        ClaimsPrincipal principal, TextReader csv, string? initialPassword,
        CancellationToken cancellationToken = default)
    {
        var actor = Infrastructure.Actor.From(principal);
        await using var work = new Work(scopes.CreateAsyncScope(), actor);
        try
        {
            await EnsureAdminAsync(work, cancellationToken);
        }
        catch (ChangeRefused refused)
        {
            UsersLog.Refused(logger, actor.Name, refused.Message);
            throw;
        }

        var password = string.IsNullOrWhiteSpace(initialPassword) ? GeneratePassword() : initialPassword;
        var import = work.Services.GetRequiredService<UserCsvImport>();
        var result = await import.ImportAsync(csv, password, actor, cancellationToken);

        UsersLog.Imported(logger, actor.Name, result.Created, result.AlreadyPresent, result.InboundSet,
            result.Problems.Count);
        await PublishAsync(InputChangeKind.Users, InputChangeKind.InboundNumber);
        return (result, password);
    }
}

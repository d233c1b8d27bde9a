using Microsoft.AspNetCore.Identity;
using Portal.Database.Identity;

namespace Portal.Features.Account;

/// <summary>Identity asks this before every sign-in: a deactivated user may not sign in.</summary>
public sealed class ActiveUserConfirmation : IUserConfirmation<PortalUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<PortalUser> manager, PortalUser user) =>
        Task.FromResult(user.IsActive);
}

using Microsoft.AspNetCore.Identity;
using Portal.Database.Identity;

namespace Portal.Features.Account;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", LogOutAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> LogOutAsync(
        SignInManager<PortalUser> signInManager, HttpContext context, ILogger<Login> logger)
    {
        AccountLog.LoggedOut(logger, context.User.Identity?.Name ?? "(unknown)");
        await signInManager.SignOutAsync();
        return Results.LocalRedirect("/account/login");
    }
}

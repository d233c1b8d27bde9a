using Microsoft.AspNetCore.Antiforgery;
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
        SignInManager<PortalUser> signInManager, IAntiforgery antiforgery, HttpContext context, ILogger<Login> logger)
    {
        // Without the shell form's token any other site could log people out with a cross-site POST.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            AccountLog.LogoutRefused(logger, context.User.Identity?.Name ?? "(unknown)");
            return Results.Text(
                "This logout request did not come from the portal's own page; nothing changed. Use Log out in the "
                + "portal's account menu.", statusCode: StatusCodes.Status400BadRequest);
        }

        AccountLog.LoggedOut(logger, context.User.Identity?.Name ?? "(unknown)");
        await signInManager.SignOutAsync();
        return Results.LocalRedirect("/account/login");
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;

namespace Portal.Features.Account;

public partial class Login
{
    [SupplyParameterFromForm]
    private LoginInput? Input { get; set; }

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    private string? _error;

    protected override void OnInitialized() => Input ??= new LoginInput();

    private async Task LogInAsync()
    {
        var result = await SignInManager.PasswordSignInAsync(
            Input!.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);

        if (result.Succeeded)
        {
            AccountLog.LoginSucceeded(Logger, Input.Email);
            Navigation.NavigateTo(LocalReturnUrl(ReturnUrl), forceLoad: true);
            return;
        }

        AccountLog.LoginFailed(Logger, Input.Email, Outcome(result));
        _error = result switch
        {
            { IsLockedOut: true } =>
                "This account is locked after too many failed attempts. Try again in 5 minutes, "
                + "or ask an admin to unlock it.",
            { IsNotAllowed: true } => "This account is deactivated. Ask an admin to reactivate it.",
            _ => "The email or password is not right. Check both and try again.",
        };
    }

    private static string Outcome(Microsoft.AspNetCore.Identity.SignInResult result) => result switch
    {
        { IsLockedOut: true } => "locked-out",
        { IsNotAllowed: true } => "deactivated",
        _ => "wrong-email-or-password",
    };

    // Only paths on this site: an absolute URL in ReturnUrl would make the login page an open redirect.
    internal static string LocalReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//")
            || returnUrl.StartsWith("/\\"))
        {
            return "/";
        }

        return returnUrl;
    }

    private sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your email.")]
        [EmailAddress(ErrorMessage = "Enter an email address such as name@example.com.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";
    }
}

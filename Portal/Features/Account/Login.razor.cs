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
        _error = result.IsNotAllowed && await PasswordIsRightAsync(Input.Email.Trim(), Input.Password)
            ? "This account is deactivated. Ask an admin to reactivate it."
            : NotRightOrLocked(SignInManager.Options.Lockout.DefaultLockoutTimeSpan);
    }

    // Identity refuses a deactivated account before it looks at the password, which would tell anyone that the
    // account exists. Only the account's own password learns that; a wrong one counts towards the lockout.
    private async Task<bool> PasswordIsRightAsync(string userName, string password)
    {
        var users = SignInManager.UserManager;
        var user = await users.FindByNameAsync(userName);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        if (await users.CheckPasswordAsync(user, password))
        {
            return true;
        }

        await users.AccessFailedAsync(user);
        return false;
    }

    // One answer for a wrong password, an email without an account and a locked account: were "locked" said only for
    // accounts that exist, five tries would tell anyone which emails have one. It still says what a locked-out person
    // can do.
    private static string NotRightOrLocked(TimeSpan lockout) =>
        $"The email or password is not right, or the account is locked after too many attempts. Check both; if they "
        + $"are right, wait {lockout.TotalMinutes:0} minutes or ask an admin to unlock it.";

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

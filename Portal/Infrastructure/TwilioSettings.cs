namespace Portal.Infrastructure;

/// <summary>
/// The Twilio account the portal reads numbers from and sends through. Without credentials the portal runs on its
/// demo data and says so on every page.
/// </summary>
public sealed class TwilioSettings
{
    public const string Section = "Twilio";

    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    public string? ApiKeySid { get; set; }

    public string? ApiKeySecret { get; set; }

    public string? PublicBaseUrl { get; set; }

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(AccountSid)
        && (!string.IsNullOrWhiteSpace(AuthToken)
            || (!string.IsNullOrWhiteSpace(ApiKeySid) && !string.IsNullOrWhiteSpace(ApiKeySecret)));
}

namespace Portal.Features.Numbers;

/// <summary>How patiently a sync reads Twilio's listing. Bound from the configuration section Twilio:Sync.</summary>
public sealed class NumberSyncOptions
{
    public const string Section = "Twilio:Sync";

    /// <summary>Retries after a 429 or 5xx answer, per request, before the sync gives up.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The longest wait between retries; a longer Retry-After is shortened to this.</summary>
    public TimeSpan RetryWaitCap { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one request may take before the sync reports Twilio as not answering.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Numbers per page; Twilio allows up to 1,000.</summary>
    public int PageSize { get; set; } = 1000;
}

namespace Portal.Features.Sends;

/// <summary>What a test message or call says (section <c>Sending</c>).</summary>
public sealed class SendingSettings
{
    public const string Section = "Sending";

    public string SmsBody { get; set; } = "Test message from the Outbound Number Portal.";

    /// <summary>The picture a test MMS carries; Twilio fetches it, so it must be reachable from the internet.</summary>
    public string MmsMediaUrl { get; set; } = "https://demo.twilio.com/owl.png";

    public string VoiceSay { get; set; } = "This is a test call from the Outbound Number Portal.";
}

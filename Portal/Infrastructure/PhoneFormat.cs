using PhoneNumbers;

namespace Portal.Infrastructure;

/// <summary>
/// Reads phone numbers typed in any spelling, with a default region for national forms, and shows E.164 numbers
/// in their national form.
/// </summary>
public sealed class PhoneFormat(IConfiguration configuration)
{
    private static readonly PhoneNumberUtil Library = PhoneNumberUtil.GetInstance();

    public string DefaultRegion { get; } = configuration["Phones:DefaultRegion"] is { Length: 2 } region
        ? region.ToUpperInvariant()
        : "US";

    /// <summary>The number in E.164, or null when the text is not a valid phone number.</summary>
    public string? ToE164(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Count(char.IsDigit) < 4)
        {
            return null;
        }

        try
        {
            var number = Library.Parse(text, DefaultRegion);
            return Library.IsValidNumber(number) ? Library.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>An E.164 number as its country writes it, e.g. (202) 555-0101; as given when unreadable.</summary>
    public static string National(string? e164)
    {
        if (string.IsNullOrEmpty(e164))
        {
            return "";
        }

        try
        {
            return Library.Format(Library.Parse(e164, null), PhoneNumberFormat.NATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}

using PhoneNumbers;

namespace Portal.Features.Contacts;

/// <summary>
/// Reads a phone number in any spelling people type (dots, brackets, a leading 1, an extension) into E.164 with
/// libphonenumber, and formats stored numbers for people to read.
/// </summary>
public sealed class PhoneSpelling(string defaultRegion)
{
    public const string DefaultRegionSetting = "Contacts:DefaultRegion";

    private static readonly PhoneNumberUtil Library = PhoneNumberUtil.GetInstance();

    public string DefaultRegion { get; } = defaultRegion;

    public static PhoneSpelling FromConfiguration(IConfiguration configuration) =>
        new(configuration[DefaultRegionSetting] is { Length: 2 } region ? region.ToUpperInvariant() : "US");

    /// <summary>
    /// The number in E.164 when the text is a valid number (an extension is dropped), otherwise null and a reason a
    /// person can act on.
    /// </summary>
    public string? ToE164(string text, out string? problem)
    {
        problem = null;
        PhoneNumber parsed;
        try
        {
            parsed = Library.Parse(text, DefaultRegion);
        }
        catch (NumberParseException)
        {
            problem = $"'{text}' is not a phone number; write it as +1 202 555 0143 or (202) 555-0143.";
            return null;
        }

        if (!Library.IsValidNumber(parsed))
        {
            problem = WhyInvalid(text, parsed);
            return null;
        }

        return Library.Format(parsed, PhoneNumberFormat.E164);
    }

    /// <summary>A number read without the validity check, for Twilio's numbers, which are trusted as spelled.</summary>
    public string? ToE164Unchecked(string text)
    {
        try
        {
            var parsed = Library.Parse(text, DefaultRegion);
            return Library.Format(parsed, PhoneNumberFormat.E164);
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>A stored E.164 number as people of its country write it, e.g. (202) 555-0143 for a US number.</summary>
    public string National(string e164)
    {
        try
        {
            var parsed = Library.Parse(e164, DefaultRegion);
            var region = Library.GetRegionCodeForNumber(parsed);
            return region == DefaultRegion
                ? Library.Format(parsed, PhoneNumberFormat.NATIONAL)
                : Library.Format(parsed, PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    /// <summary>Only the last four digits, for logs: contacts' numbers are personal data.</summary>
    public static string Masked(string? phone) =>
        phone is { Length: > 4 } ? new string('*', phone.Length - 4) + phone[^4..] : "****";

    private string WhyInvalid(string text, PhoneNumber parsed)
    {
        var written = text.TrimStart();
        if (!written.StartsWith('+') && written.StartsWith('0')
            && Library.GetRegionCodeForCountryCode(parsed.CountryCode) == DefaultRegion)
        {
            return $"'{text}' looks like a national number of another country; without its country it cannot be read. "
                   + "Write it with its country code, e.g. +44 7700 900456.";
        }

        return Library.IsPossibleNumberWithReason(parsed) switch
        {
            PhoneNumberUtil.ValidationResult.TOO_SHORT or PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY =>
                $"'{text}' is too short to be a phone number; it needs its area code.",
            PhoneNumberUtil.ValidationResult.TOO_LONG => $"'{text}' has too many digits to be a phone number.",
            _ => $"'{text}' is not a valid phone number in {DefaultRegion}; check the digits or add the country code.",
        };
    }
}

using PhoneNumbers;

namespace Portal.Features.Users;

/// <summary>
/// Reads the ways people write a phone number, and writes the account's E.164 numbers the ways people read them.
/// </summary>
public static class NumberSpelling
{
    public const string DefaultRegion = "US";

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// The E.164 form of a number as someone wrote it, or null when it cannot be read. Validity is not asked: the
    /// result is only compared with the account's numbers, which Twilio spells as it likes.
    /// </summary>
    public static string? ToE164(string written, string region = DefaultRegion)
    {
        try
        {
            var number = Phones.Parse(written, region);
            return Phones.Format(number, PhoneNumberFormat.E164);
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>"+1 202 555 0101": international form with spaces, as messages quote a number.</summary>
    public static string Spaced(string e164) =>
        TryParse(e164) is { } number ? Phones.Format(number, PhoneNumberFormat.INTERNATIONAL).Replace('-', ' ') : e164;

    /// <summary>"(202) 555-0101": how a caller in the number's own country writes it.</summary>
    public static string National(string e164) =>
        TryParse(e164) is { } number ? Phones.Format(number, PhoneNumberFormat.NATIONAL) : e164;

    private static PhoneNumber? TryParse(string e164)
    {
        try
        {
            return Phones.Parse(e164, null);
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}

using PhoneNumbers;
using Portal.Database.Numbers;
using Portal.Domain.Rules;

namespace Portal.Features.Numbers;

/// <summary>How a number reads on the page and in the audit trail.</summary>
public static class NumberText
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>The number as its country writes it, e.g. (202) 555-0110; the E.164 string when unparsable.</summary>
    public static string National(string e164)
    {
        try
        {
            return Phones.Format(Phones.Parse(e164, null), PhoneNumberFormat.NATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    public static string CapabilityList(Capabilities capabilities)
    {
        var names = new List<string>();
        if (capabilities.HasFlag(Capabilities.Sms))
        {
            names.Add("SMS");
        }

        if (capabilities.HasFlag(Capabilities.Mms))
        {
            names.Add("MMS");
        }

        if (capabilities.HasFlag(Capabilities.Voice))
        {
            names.Add("Voice");
        }

        return names.Count == 0 ? "no capabilities" : string.Join(", ", names);
    }

    /// <summary>What the audit trail records of a number's state.</summary>
    public static string Describe(TwilioNumber number) =>
        Describe(number.Sid, number.FriendlyName, number.Capabilities, number.IsReleased);

    public static string Describe(string? sid, string? friendlyName, Capabilities capabilities, bool released) =>
        $"{(released ? "released" : "active")}; {CapabilityList(capabilities)}; "
        + $"name \"{friendlyName ?? ""}\"; SID {sid ?? "none"}";

    /// <summary>What a default outbound number cannot do, in words, or null when it can text and call.</summary>
    public static string? DefaultWarning(string e164, Capabilities capabilities)
    {
        var sms = capabilities.HasFlag(Capabilities.Sms);
        var voice = capabilities.HasFlag(Capabilities.Voice);
        return (sms, voice) switch
        {
            (true, true) => null,
            (false, true) => $"{e164} cannot send SMS: contacts who fall back to the default get no text message "
                             + "number.",
            (true, false) => $"{e164} cannot make calls: contacts who fall back to the default get no voice number.",
            _ => $"{e164} can neither send SMS nor make calls: contacts who fall back to the default get no number.",
        };
    }
}

using Portal.Domain.Rules;

namespace Portal.Database.Contacts;

/// <summary>
/// The rules of DESIGN.md §1 written once more in SQL (the view contact_resolutions), for questions about the whole
/// table: filter or sort by effective number or rule, counts per number and per rule. Pages that show a few rows
/// resolve them with the C# resolver instead; a property test proves the two agree.
/// </summary>
public class ContactResolution
{
    public long ContactId { get; set; }

    public RuleId SmsRule { get; set; }

    public long? SmsNumberId { get; set; }

    public RuleId VoiceRule { get; set; }

    public long? VoiceNumberId { get; set; }
}

namespace Portal.Domain.Rules;

/// <summary>The form every phone number takes in the portal: a plus, a country code and at most 15 digits.</summary>
public static class E164
{
    /// <summary>Whether the text matches <c>^\+[1-9]\d{1,14}$</c> (ASCII digits); no phone library is asked.</summary>
    public static bool IsValid(string text)
    {
        if (text.Length is < 3 or > 16 || text[0] != '+' || text[1] is < '1' or > '9')
        {
            return false;
        }

        foreach (var character in text.AsSpan(2))
        {
            if (!char.IsAsciiDigit(character))
            {
                return false;
            }
        }

        return true;
    }
}

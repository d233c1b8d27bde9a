using System.Security.Cryptography;
using System.Text;

namespace Portal.Tests.TwilioApi;

/// <summary>
/// Signs a request as Twilio does: HMAC-SHA1 with the auth token over the URL followed by each POST parameter's name
/// and value in name order, in Base64. Written from Twilio's description so tests do not sign with the code they test.
/// </summary>
public static class TwilioSignature
{
    public static string Of(string authToken, string url, IReadOnlyDictionary<string, string> parameters)
    {
        var text = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(value);
        }

        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToBase64String(hash);
    }
}

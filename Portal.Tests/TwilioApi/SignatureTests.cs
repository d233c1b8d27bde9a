using Twilio.Security;

namespace Portal.Tests.TwilioApi;

/// <summary>Twilio's own example of a signed request, and the SDK validator that status callbacks go through.</summary>
public sealed class SignatureTests
{
    private const string AuthToken = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string Signature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    private static Dictionary<string, string> Parameters() => new()
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["Caller"] = "+12349013030",
        ["Digits"] = "1234",
        ["From"] = "+12349013030",
        ["To"] = "+18005551212",
    };

    [Fact]
    public void The_known_good_example_is_accepted()
    {
        Assert.True(new RequestValidator(AuthToken).Validate(Url, Parameters(), Signature));
    }

    [Fact]
    public void The_tests_own_signer_agrees_with_the_known_good_example()
    {
        Assert.Equal(Signature, TwilioSignature.Of(AuthToken, Url, Parameters()));
    }

    [Theory]
    [InlineData("Digits", "1235")]
    [InlineData("To", "+18005551213")]
    [InlineData("Extra", "1")]
    public void A_changed_parameter_is_refused(string name, string value)
    {
        var parameters = Parameters();
        parameters[name] = value;

        Assert.False(new RequestValidator(AuthToken).Validate(Url, parameters, Signature));
    }

    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=2&bar=2")]
    [InlineData("https://mycompany.com/myapp.php?foo=1")]
    [InlineData("https://evil.example.com/myapp.php?foo=1&bar=2")]
    [InlineData("http://mycompany.com/other.php?foo=1&bar=2")]
    public void A_changed_url_is_refused(string url)
    {
        Assert.False(new RequestValidator(AuthToken).Validate(url, Parameters(), Signature));
    }

    [Fact]
    public void Another_auth_token_is_refused()
    {
        Assert.False(new RequestValidator("54321").Validate(Url, Parameters(), Signature));
    }
}

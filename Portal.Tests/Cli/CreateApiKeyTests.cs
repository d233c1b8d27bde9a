using Portal.Cli;

namespace Portal.Tests.Cli;

public sealed class CreateApiKeyTests
{
    [Fact]
    public async Task Create_api_key_with_an_unknown_scope_prints_the_scopes_and_usage_and_exits_64()
    {
        var error = new StringWriter();

        var exitCode = await DatabaseCommands.CreateApiKeyAsync(
            ["--name", "CRM sender", "--scope", "admin"], new StringWriter(), error);

        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.Contains("'admin' is not a scope; choose read or write.", error.ToString());
        Assert.Contains("Usage: create-api-key --name NAME [--scope read|write]", error.ToString());
    }
}
